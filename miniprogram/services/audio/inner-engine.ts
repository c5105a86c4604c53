import { pauseVideos } from '../media-focus';
import {
  audioErrorMessage,
  forwardPlaybackEvents,
  listenForInterruptions,
  type AudioEngine,
  type AudioTrack,
  type EngineListener,
  transportControls,
} from './engine';

/**
 * Plays through wx.createInnerAudioContext(): the same controls, but sound stops when the app
 * leaves the foreground and the lock screen shows nothing. No next/previous from the system.
 */
export function createInnerAudioEngine(): AudioEngine {
  let listener: EngineListener = () => undefined;
  let context: WechatMiniprogram.InnerAudioContext | null = null;
  const emit: EngineListener = (event) => listener(event);

  const audio = (): WechatMiniprogram.InnerAudioContext => {
    if (context) return context;
    // Narrations are long: the WebAudio implementation would hold them in memory.
    const created = wx.createInnerAudioContext({ useWebAudioImplement: false });
    forwardPlaybackEvents(created, emit);
    created.onError((error) =>
      emit({ type: 'error', code: error.errCode, message: audioErrorMessage(error.errCode) }),
    );
    listenForInterruptions(emit);
    context = created;
    return created;
  };

  return {
    systemControls: false,
    listen(next) {
      listener = next;
      audio();
    },
    open(track: AudioTrack, startAt: number, rate: number) {
      pauseVideos();
      const player = audio();
      player.autoplay = true;
      player.startTime = Math.max(0, startAt);
      player.playbackRate = rate;
      player.src = track.src;
    },
    ...transportControls(audio, () => context),
  };
}
