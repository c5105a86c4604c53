// What the system refuses while the app is in the background (resuming after a phone call, the
// lock screen's next while paused) is done when the visitor comes back. The engine is a fake that
// records calls and, like the platform in the background, starts nothing until told.
import type { AudioEngine, EngineListener } from '../../../miniprogram/services/audio/engine';
import { createPlayerStore, playerDeps } from '../../../miniprogram/stores/player';
import type { Artwork } from '../../../miniprogram/types/api';

function recordingEngine() {
  let listener: EngineListener = () => undefined;
  const engine: AudioEngine & { calls: string[]; emit: EngineListener } = {
    calls: [],
    systemControls: true,
    emit: (event) => listener(event),
    listen: (next) => {
      listener = next;
    },
    open: (track, startAt) => engine.calls.push(`open ${track.id} @${startAt}`),
    play: () => engine.calls.push('play'),
    pause: () => engine.calls.push('pause'),
    stop: () => engine.calls.push('stop'),
    seek: (seconds) => engine.calls.push(`seek ${seconds}`),
    setRate: () => undefined,
    currentTime: () => 0,
  };
  return engine;
}

function work(id: string): Artwork {
  return {
    id,
    title: { zh: id, original: id },
    artist: { id: 'a', name: { zh: '艺术家', original: 'Artist' }, lifespan: '' },
    thumbnail: { url: `https://cdn.example.com/${id}.jpg`, width: 1, height: 1 },
    audio: { url: `https://cdn.example.com/${id}.m4a`, duration: 100 },
    transcript: [],
  } as unknown as Artwork;
}

function storeOver(engine: ReturnType<typeof recordingEngine>, works: Artwork[] = []) {
  return createPlayerStore(
    playerDeps({
      engine,
      artworks: { get: async (id: string) => works.find((w) => w.id === id) as Artwork } as never,
      readRate: () => undefined,
      writeRate: () => undefined,
      readHistory: () => undefined,
      writeHistory: () => undefined,
    }),
  );
}

describe('catching up on return to the foreground', () => {
  it('resumes after a call when the system ignored the resume in the background', () => {
    const engine = recordingEngine();
    const store = storeOver(engine);
    store.play(work('a'));
    engine.emit({ type: 'play' });
    engine.emit({ type: 'interruptionBegin' });
    engine.emit({ type: 'pause' });
    engine.emit({ type: 'interruptionEnd' });
    expect(engine.calls).toEqual(['open a @0', 'play']);

    store.catchUp();

    expect(engine.calls).toEqual(['open a @0', 'play', 'play']);
  });

  it('opens the next work the lock screen asked for if it never started', async () => {
    const engine = recordingEngine();
    const store = storeOver(engine, [work('a'), work('b')]);
    store.offerQueue(['a', 'b']);
    store.play(work('a'));
    engine.emit({ type: 'play' });
    engine.emit({ type: 'pause' });
    engine.emit({ type: 'next' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.playerId).toBe('b');

    store.catchUp();

    expect(engine.calls.filter((call) => call.startsWith('open'))).toEqual([
      'open a @0',
      'open b @0',
      'open b @0',
    ]);
  });

  it('leaves alone what the visitor paused, and what already plays', () => {
    const engine = recordingEngine();
    const store = storeOver(engine);
    store.play(work('a'));
    engine.emit({ type: 'play' });
    store.catchUp();
    store.pause();
    store.catchUp();
    expect(engine.calls).toEqual(['open a @0', 'pause']);
  });
});
