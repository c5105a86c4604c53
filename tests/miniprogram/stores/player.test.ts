import { createInnerAudioEngine } from '../../../miniprogram/services/audio';
import { registerVideo } from '../../../miniprogram/services/media-focus';
import {
  createPlayerStore,
  HISTORY_STORAGE,
  playerDeps,
  RATE_STORAGE,
  type HistoryEntry,
  type PlayerStore,
} from '../../../miniprogram/stores/player';
import type { Artwork } from '../../../miniprogram/types/api';
import { fakeWx } from '../support/fake-wx';
import { fetchArtwork, hostAnswered, realHost } from '../support/real-host';

const MEDIA = 'http://127.0.0.1:3000/media';
const ARLEQUIN = 'picasso-arlequin-1923';
const RUSSIA = 'chagall-a-la-russie-1911';
/** Two works as the real function answers them, narration and transcript included. */
let arlequin: Artwork;
let russia: Artwork;

beforeAll(async () => {
  [arlequin, russia] = await Promise.all([fetchArtwork(ARLEQUIN), fetchArtwork(RUSSIA)]);
});

/** The platform learns a track's length from the file: the narration's measured length. */
function lengthOf(artwork: Artwork): number {
  return artwork.audio?.duration ?? 0;
}

beforeEach(() => {
  fakeWx().backgroundAudio.trackDuration = lengthOf(arlequin);
});

const flush = async () => {
  for (let i = 0; i < 3; i += 1) {
    await hostAnswered();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
};

/** A clock the test moves, 250 ms per timeUpdate, as playback does. */
function storeWithClock(): { store: PlayerStore; clock: { now: number } } {
  const clock = { now: 1_000_000 };
  const store = createPlayerStore(playerDeps({ now: () => clock.now }));
  return { store, clock };
}

/** Plays on for `seconds`, with the platform's timeUpdate every 250 ms. */
async function playFor(clock: { now: number }, seconds: number): Promise<void> {
  await fakeWx().backgroundAudio.advance(seconds, () => {
    clock.now += 250;
  });
}

function savedHistory(): HistoryEntry[] {
  const entry = fakeWx().storage.get(`pompidou:v1:${HISTORY_STORAGE}`) as
    { value: HistoryEntry[] } | undefined;
  return entry?.value ?? [];
}

describe('player store over the background audio manager', () => {
  it('sets the lock-screen card and the source, pauses videos first, then follows loading into playing', async () => {
    const pauseVideo = jest.fn();
    const release = registerVideo(pauseVideo);
    const { store } = storeWithClock();
    const audio = fakeWx().backgroundAudio;

    store.play(arlequin);

    expect(pauseVideo).toHaveBeenCalledTimes(1);
    expect(audio.src).toBe(`${MEDIA}/audio/picasso-arlequin-1923.m4a`);
    expect(audio.title).toBe('丑角');
    expect(audio.epname).toBe('蓬皮杜导览');
    expect(audio.singer).toBe('巴勃罗·毕加索');
    // The local host serves plain http: the lock screen gets no cover rather than a blank one.
    expect(audio.coverImgUrl).toBe('');
    expect(audio.referrerPath).toBe(`pages/artwork/index?id=${ARLEQUIN}`);
    expect(store.status).toBe('loading');
    expect(store.current).toEqual({
      id: ARLEQUIN,
      title: '丑角',
      artist: '巴勃罗·毕加索',
      cover: `${MEDIA}/images/picasso-arlequin-1923.thumb.jpg`,
    });
    expect(store.visible).toBe(true);

    await flush();
    expect(store.status).toBe('playing');
    release();
  });

  it('shows buffering while the network stalls and playing again when it can play', async () => {
    const { store } = storeWithClock();
    store.play(arlequin);
    await flush();

    fakeWx().backgroundAudio.stall();
    expect(store.status).toBe('buffering');
    fakeWx().backgroundAudio.recover();
    expect(store.status).toBe('playing');
  });

  it('moves the position at most every 250 ms, and the sentence only when a new one starts', async () => {
    const { store, clock } = storeWithClock();
    store.play(arlequin);
    await flush();
    const positions: number[] = [];
    const cues: number[] = [];
    const audio = fakeWx().backgroundAudio;

    // A busy platform: a timeUpdate every 100 ms for 10 seconds.
    for (let i = 0; i < 100; i += 1) {
      clock.now += 100;
      audio.currentTime += 0.1;
      audio.emit('timeUpdate');
      if (positions[positions.length - 1] !== store.position) positions.push(store.position);
      if (cues[cues.length - 1] !== store.cueIndex) cues.push(store.cueIndex);
    }

    expect(positions.length).toBeLessThanOrEqual(10 * 4);
    expect(positions.length).toBeGreaterThanOrEqual(10 * 3);
    expect(store.second).toBe(9);
    expect(store.elapsedLabel).toBe('00:09');
    // 1 min 51 s of narration (110.29 s), 9 s of it heard.
    expect(store.remainingLabel).toBe('-01:42');
    // Silence until the first sentence at 0.3 s, the second from 5.59 s.
    expect(cues).toEqual([-1, 0, 1]);
  });

  it('resumes each artwork where the visitor stopped, also after a relaunch', async () => {
    const { store, clock } = storeWithClock();
    store.play(arlequin);
    await flush();
    await playFor(clock, 12);
    store.pause();
    await flush();

    expect(store.status).toBe('paused');
    expect(savedHistory()[0]).toMatchObject({ id: ARLEQUIN, position: 12, finished: false });

    const relaunched = createPlayerStore(playerDeps());
    expect(relaunched.resumePosition(ARLEQUIN)).toBe(12);
    relaunched.play(arlequin);
    expect(fakeWx().backgroundAudio.startTime).toBe(12);
    await flush();
    expect(relaunched.status).toBe('playing');
    expect(relaunched.second).toBe(12);
  });

  it('keeps the speed across launches and applies it to what plays', async () => {
    const { store } = storeWithClock();
    store.play(arlequin);
    await flush();

    store.setRate(1.5);
    expect(fakeWx().backgroundAudio.playbackRate).toBe(1.5);
    store.setRate(3);
    expect(store.rate).toBe(1.5);

    const relaunched = createPlayerStore(playerDeps());
    expect(relaunched.rate).toBe(1.5);
    fakeWx().backgroundAudio.playbackRate = 1;
    relaunched.play(russia);
    expect(fakeWx().backgroundAudio.playbackRate).toBe(1.5);
    expect(fakeWx().storage.get(`pompidou:v1:${RATE_STORAGE}`)).toMatchObject({ value: 1.5 });
  });

  it('marks the work finished in the history when the narration ends, and starts over next time', async () => {
    const { store, clock } = storeWithClock();
    fakeWx().backgroundAudio.trackDuration = lengthOf(russia);
    store.play(russia);
    await flush();
    // The narration is 1 min 52 s long.
    await playFor(clock, 113);

    expect(store.status).toBe('ended');
    expect(store.visible).toBe(false);
    expect(store.history[0]).toMatchObject({ id: RUSSIA, finished: true, position: 0 });
    expect(savedHistory()[0]).toMatchObject({ id: RUSSIA, finished: true });
    expect(store.historyCards[0]).toMatchObject({ note: '已听完', percent: 100 });
    expect(store.resumePosition(RUSSIA)).toBe(0);
  });

  it('reports a failed load and plays again from the same place on retry', async () => {
    const { store, clock } = storeWithClock();
    store.play(arlequin);
    await flush();
    await playFor(clock, 8);

    fakeWx().backgroundAudio.fail(10002);
    expect(store.status).toBe('error');
    expect(store.errorMessage).toBe('网络不太稳定，音频没能加载');
    expect(store.visible).toBe(true);

    store.retry();
    await flush();
    expect(store.status).toBe('playing');
    expect(store.errorMessage).toBe('');
    await playFor(clock, 2);
    expect(store.second).toBe(10);
  });

  it('shows paused during a call and plays on when it ends, but never resumes what the visitor paused', async () => {
    const { store } = storeWithClock();
    store.play(arlequin);
    await flush();

    fakeWx().interruptionBegin();
    expect(store.status).toBe('paused');
    fakeWx().interruptionEnd();
    await flush();
    expect(fakeWx().backgroundAudio.play).toHaveBeenCalledTimes(1);
    expect(store.status).toBe('playing');

    store.pause();
    await flush();
    fakeWx().interruptionBegin();
    fakeWx().interruptionEnd();
    await flush();
    expect(fakeWx().backgroundAudio.play).toHaveBeenCalledTimes(1);
    expect(store.status).toBe('paused');
  });

  it('follows the lock screen: its pause shows paused, closing its card hides the player', async () => {
    const { store, clock } = storeWithClock();
    store.play(arlequin);
    await flush();
    await playFor(clock, 5);

    fakeWx().backgroundAudio.systemPause();
    expect(store.status).toBe('paused');
    store.toggle();
    await flush();
    expect(store.status).toBe('playing');

    fakeWx().backgroundAudio.systemStop();
    expect(store.status).toBe('idle');
    expect(store.visible).toBe(false);
    expect(store.resumePosition(ARLEQUIN)).toBe(5);
  });

  it('moves through the list the visitor started from with next and previous, skipping works without narration', async () => {
    fakeWx().host = realHost({ catalogue: 'extended' });
    const { store } = storeWithClock();
    store.offerQueue([ARLEQUIN, 'picasso-study-without-narration', RUSSIA]);
    store.play(arlequin);
    await flush();

    fakeWx().backgroundAudio.next();
    await flush();
    expect(store.playerId).toBe(RUSSIA);
    expect(fakeWx().backgroundAudio.src).toBe(`${MEDIA}/audio/chagall-a-la-russie-1911.m4a`);
    expect(store.status).toBe('playing');

    fakeWx().backgroundAudio.prev();
    await flush();
    expect(store.playerId).toBe(ARLEQUIN);
  });

  it('seeks by 15 seconds and to a sentence, within the narration', async () => {
    const { store } = storeWithClock();
    store.play(arlequin);
    await flush();

    store.skip(-15);
    expect(fakeWx().backgroundAudio.seek).toHaveBeenLastCalledWith(0);
    store.skip(15);
    expect(fakeWx().backgroundAudio.seek).toHaveBeenLastCalledWith(15);
    // The third sentence runs from 11.88 s to 18.68 s; the fourth starts at 19.13 s.
    expect(store.cueIndex).toBe(2);
    store.seekToCue(3);
    expect(fakeWx().backgroundAudio.seek).toHaveBeenLastCalledWith(19.13);
    expect(store.cueIndex).toBe(3);
    store.seek(500);
    expect(fakeWx().backgroundAudio.seek).toHaveBeenLastCalledWith(110.29);
  });

  it('keeps the last 50 works played, newest first, and clears them', async () => {
    const { store } = storeWithClock();
    for (let i = 0; i < 55; i += 1) {
      store.play({ ...russia, id: `work-${i}` });
    }
    expect(store.history).toHaveLength(50);
    expect(store.history[0]?.id).toBe('work-54');
    expect(savedHistory()).toHaveLength(50);

    store.clearHistory();
    expect(store.history).toEqual([]);
    expect(savedHistory()).toEqual([]);
  });
});

describe('player store over an inner audio context', () => {
  it('plays, pauses and follows interruptions the same way', async () => {
    const store = createPlayerStore(playerDeps({ engine: createInnerAudioEngine() }));
    const context = fakeWx().innerAudios[0];
    if (!context) throw new Error('the engine made no inner audio context');

    store.play(arlequin);
    expect(context.src).toBe(`${MEDIA}/audio/picasso-arlequin-1923.m4a`);
    expect(context.autoplay).toBe(true);
    expect(fakeWx().backgroundAudio.src).toBe('');
    await flush();
    expect(store.status).toBe('playing');

    fakeWx().interruptionBegin();
    expect(store.status).toBe('paused');
    fakeWx().interruptionEnd();
    await flush();
    expect(store.status).toBe('playing');

    store.pause();
    await flush();
    expect(context.pause).toHaveBeenCalled();
    expect(store.status).toBe('paused');
  });
});
