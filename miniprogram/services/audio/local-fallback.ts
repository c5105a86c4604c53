import type { AudioEngine, AudioTrack, EngineEvent, EngineListener } from './engine';

/**
 * Narration from an offline pack is a local file. The background audio manager is tried first, so
 * the lock screen keeps working; if it refuses the file before a sound is heard, the inner audio
 * engine plays it instead (and `systemControls` turns false, which the page says). Tracks from the
 * network always go to the background engine.
 */
export function withLocalFallback(
  background: AudioEngine,
  makeInner: () => AudioEngine,
  isLocal: (src: string) => boolean,
): AudioEngine {
  let listener: EngineListener = () => undefined;
  let inner: AudioEngine | null = null;
  let active: AudioEngine = background;
  /** A local track the background engine has not yet played: its error means "refused". */
  let trying: { track: AudioTrack; startAt: number; rate: number } | null = null;

  const from =
    (engine: () => AudioEngine | null): EngineListener =>
    (event: EngineEvent) => {
      if (engine() !== active) return;
      if (active === background && trying) {
        if (event.type === 'error') {
          const { track, startAt, rate } = trying;
          trying = null;
          background.stop();
          active = innerEngine();
          listener({ type: 'controls', systemControls: false });
          active.open(track, startAt, rate);
          return;
        }
        if (event.type === 'play' || event.type === 'timeUpdate') trying = null;
      }
      listener(event);
    };

  const innerEngine = (): AudioEngine => {
    if (!inner) {
      inner = makeInner();
      inner.listen(from(() => inner));
    }
    return inner;
  };

  return {
    get systemControls() {
      return active.systemControls;
    },
    listen(next) {
      listener = next;
      background.listen(from(() => background));
    },
    open(track, startAt, rate) {
      if (active !== background) {
        active.stop();
        active = background;
        listener({ type: 'controls', systemControls: background.systemControls });
      }
      trying = isLocal(track.src) ? { track, startAt, rate } : null;
      background.open(track, startAt, rate);
    },
    play: () => active.play(),
    pause: () => active.pause(),
    stop: () => active.stop(),
    seek: (seconds) => active.seek(seconds),
    setRate: (rate) => active.setRate(rate),
    currentTime: () => active.currentTime(),
  };
}
