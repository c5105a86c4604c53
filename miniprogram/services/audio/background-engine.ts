import { artworkPath } from '../../utils/routes';
import { httpsImage } from '../../utils/share';
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

/** The name the system player shows above every track. */
export const ALBUM_NAME = '蓬皮杜导览';

/**
 * Plays through wx.getBackgroundAudioManager(): keeps playing with the screen locked (app.json
 * declares `requiredBackgroundModes: ["audio"]`) and shows the work on the lock screen.
 */
export function createBackgroundAudioEngine(): AudioEngine {
  let listener: EngineListener = () => undefined;
  let manager: WechatMiniprogram.BackgroundAudioManager | null = null;
  /** The source the manager holds; '' once the system player was closed (it releases it). */
  let loadedSrc = '';
  const emit: EngineListener = (event) => {
    if (event.type === 'stop') loadedSrc = '';
    listener(event);
  };

  /** The manager is app-wide; its callbacks are set once, on first use. */
  const audio = (): WechatMiniprogram.BackgroundAudioManager => {
    if (manager) return manager;
    const created = wx.getBackgroundAudioManager();
    forwardPlaybackEvents(created, emit);
    // Typed as a bare errMsg, but the runtime passes errCode (10001–10004) as the inner context does.
    created.onError((error) => {
      const code = (error as { errCode?: number }).errCode ?? -1;
      emit({ type: 'error', code, message: audioErrorMessage(code) });
    });
    // The lock screen's next/previous buttons (iOS); Android's card has none.
    created.onNext(() => emit({ type: 'next' }));
    created.onPrev(() => emit({ type: 'prev' }));
    listenForInterruptions(emit);
    manager = created;
    return created;
  };

  return {
    systemControls: true,
    listen(next) {
      listener = next;
      audio();
    },
    open(track: AudioTrack, startAt: number, rate: number) {
      pauseVideos();
      const player = audio();
      const start = Math.max(0, startAt);
      player.playbackRate = rate;
      // Only a *new* src starts playback: the same narration again (replay after the end, a
      // retry) would stay silent, so it is sought and played instead.
      if (loadedSrc === track.src && player.src === track.src) {
        player.seek(start);
        player.play();
        return;
      }
      // Title, album, artist and cover must be set before `src`: the system card reads them then.
      player.title = track.title;
      player.epname = ALBUM_NAME;
      player.singer = track.artist;
      player.coverImgUrl = httpsImage(track.cover);
      // The system card's link back to this work's guide (Android, base library 3.4.8+); webUrl
      // would want a web page, which the guide does not have.
      player.referrerPath = artworkPath(track.id).replace(/^\//, '');
      player.startTime = start;
      loadedSrc = track.src;
      player.src = track.src;
    },
    ...transportControls(audio, () => manager),
  };
}
