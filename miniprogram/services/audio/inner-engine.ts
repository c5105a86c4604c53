import { pauseVideos } from '../media-focus';
import {
  audioErrorMessage,
  listenForInterruptions,
  type AudioEngine,
  type AudioTrack,
  type EngineListener,
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
    created.onCanplay(() => emit({ type: 'canplay' }));
    created.onPlay(() => emit({ type: 'play' }));
    created.onPause(() => emit({ type: 'pause' }));
    created.onStop(() => emit({ type: 'stop' }));
    created.onEnded(() => emit({ type: 'ended' }));
    created.onWaiting(() => emit({ type: 'waiting' }));
    created.onTimeUpdate(() =>
      emit({
        type: 'timeUpdate',
        position: created.currentTime || 0,
        duration: created.duration || 0,
      }),
    );
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
    play() {
      pauseVideos();
      audio().play();
    },
    pause() {
      audio().pause();
    },
    stop() {
      audio().stop();
    },
    seek(seconds: number) {
      audio().seek(Math.max(0, seconds));
    },
    setRate(rate: number) {
      audio().playbackRate = rate;
    },
    currentTime() {
      return context?.currentTime || 0;
    },
  };
}
