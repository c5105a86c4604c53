// The engine the app plays narration with: the background manager first, the inner audio engine
// only for a local (offline pack) file the background manager refuses. Faked: the platform's
// audio players (support/fake-wx.ts), nothing else.
import { createAudioEngine } from '../../../miniprogram/services/audio/index';
import type { EngineEvent } from '../../../miniprogram/services/audio/engine';
import { fakeWx } from '../support/fake-wx';

const LOCAL = 'wxfile://usr/packs/modern-masters-on-tour/abc.m4a';
const REMOTE = 'http://127.0.0.1:3000/media/audio/picasso-guitariste-1910.m4a';

function track(src: string) {
  return { id: 'picasso-guitariste-1910', src, title: '吉他手', artist: '毕加索', cover: '' };
}

async function settled(): Promise<void> {
  for (let index = 0; index < 5; index += 1) await Promise.resolve();
}

describe('narration from an offline pack', () => {
  it('stays on the background manager (lock screen included) when it plays the local file', async () => {
    const engine = createAudioEngine();
    const events: EngineEvent[] = [];
    engine.listen((event) => events.push(event));
    engine.open(track(LOCAL), 0, 1);
    await settled();
    expect(fakeWx().backgroundAudio.src).toBe(LOCAL);
    expect(fakeWx().innerAudios).toHaveLength(0);
    expect(engine.systemControls).toBe(true);
    expect(events.map((event) => event.type)).toContain('play');
  });

  it('moves a refused local file to the inner engine, says the lock screen is out, and moves back for the network', async () => {
    const engine = createAudioEngine();
    const events: EngineEvent[] = [];
    engine.listen((event) => events.push(event));
    fakeWx().backgroundAudio.failNextLoad = 10004;
    engine.open(track(LOCAL), 12, 1);
    await settled();
    const inner = fakeWx().innerAudios[0];
    expect(inner?.src).toBe(LOCAL);
    expect(inner?.startTime).toBe(12);
    expect(engine.systemControls).toBe(false);
    expect(events).toContainEqual({ type: 'controls', systemControls: false });
    // The refusal itself is not the visitor's error: the file plays.
    expect(events.filter((event) => event.type === 'error')).toEqual([]);
    expect(events.map((event) => event.type)).toContain('play');

    engine.open(track(REMOTE), 0, 1);
    await settled();
    expect(fakeWx().backgroundAudio.src).toBe(REMOTE);
    expect(engine.systemControls).toBe(true);
    expect(events[events.length - 1]?.type).not.toBe('error');
  });

  it('reports a refused network file as the error it is', async () => {
    const engine = createAudioEngine();
    const events: EngineEvent[] = [];
    engine.listen((event) => events.push(event));
    fakeWx().backgroundAudio.failNextLoad = 10002;
    engine.open(track(REMOTE), 0, 1);
    await settled();
    expect(fakeWx().innerAudios).toHaveLength(0);
    expect(events.map((event) => event.type)).toContain('error');
  });
});
