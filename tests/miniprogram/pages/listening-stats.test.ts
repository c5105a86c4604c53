// Anonymous listening statistics as the app makes them: the artwork page and its player rendered,
// the background audio manager faked at the wx boundary (timeUpdate every 250 ms, `ended`), the
// real `stats` function behind the real local host.
import type { ListenedEvent } from '../../../miniprogram/types/api';
import { fakeWx, useFakeClock } from '../support/fake-wx';
import { failure } from '../support/fake-host';
import { fetchArtwork, realHost } from '../support/real-host';
import { eventsTo, openPage, settle, tap, type OpenedPage } from '../support/simulate';

const ARLEQUIN = 'picasso-arlequin-1923';
const GUITARIST = 'picasso-guitariste-1910';
/** The queue as the phone's storage holds it (services/cache.ts wraps each value). */
function queued(): ListenedEvent[] | undefined {
  const entry = fakeWx().storage.get('pompidou:v1:stats.queue') as
    { value: ListenedEvent[] } | undefined;
  return entry?.value;
}
let arlequinDuration = 0;

beforeAll(async () => {
  arlequinDuration = (await fetchArtwork(ARLEQUIN)).audio?.duration ?? 0;
});

beforeEach(() => {
  jest.resetModules();
  useFakeClock();
  fakeWx().backgroundAudio.trackDuration = arlequinDuration;
});

afterEach(() => {
  jest.useRealTimers();
});

async function listen(id: string, seconds: number): Promise<OpenedPage> {
  const opened = openPage('artwork', { id });
  await settle(opened.simulate);
  await tap(opened, '#play');
  await fakeWx().backgroundAudio.advance(seconds);
  await settle(opened.simulate);
  return opened;
}

/** Every event the app sent to `stats listened`, in order. */
function sentEvents(): ListenedEvent[] {
  return eventsTo('stats').flatMap((event) => event.events as ListenedEvent[]);
}

function player() {
  return (
    require('../../../miniprogram/stores/player') as typeof import('../../../miniprogram/stores/player')
  ).playerStore;
}

describe('listening statistics', () => {
  it('sends one event when the visitor leaves a narration for another, with what they heard', async () => {
    await listen(ARLEQUIN, 30);
    expect(eventsTo('stats')).toEqual([]);

    await listen(GUITARIST, 5);

    const [event, ...more] = sentEvents();
    expect(more).toEqual([]);
    expect(event).toMatchObject({ artworkId: ARLEQUIN, finished: false });
    expect(event?.seconds).toBeGreaterThanOrEqual(29);
    expect(event?.seconds).toBeLessThanOrEqual(30.5);
    expect(event?.furthest).toBeGreaterThanOrEqual(29);
    expect(event?.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // Nothing about the visitor: the event's fields are the contract's, no more.
    expect(Object.keys(event ?? {}).sort()).toEqual(
      ['artworkId', 'at', 'exhibitionId', 'finished', 'furthest', 'id', 'seconds'].filter(
        (key) => key !== 'exhibitionId' || event?.exhibitionId !== undefined,
      ),
    );
    // The function accepted it: the queue on the phone is empty again.
    expect(queued()).toEqual([]);
  });

  it('marks a narration heard to its end as finished, once', async () => {
    await listen(ARLEQUIN, arlequinDuration + 2);

    const events = sentEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ artworkId: ARLEQUIN, finished: true });
    expect(events[0]?.furthest).toBeCloseTo(arlequinDuration, 0);
  });

  it('does not count a narration opened and left before a second was heard', async () => {
    await listen(ARLEQUIN, 0);
    await listen(GUITARIST, 0);
    player().appHidden();
    await settle(openPage('mine').simulate);

    expect(sentEvents()).toEqual([]);
  });

  it('counts the narration the visitor paused before putting the app away', async () => {
    const opened = await listen(ARLEQUIN, 12);
    await tap(opened, '#play');

    player().appHidden();
    await settle(opened.simulate);

    expect(sentEvents()).toEqual([expect.objectContaining({ artworkId: ARLEQUIN })]);
  });

  it('keeps listening with the phone locked, and counts it when the app comes back to another work', async () => {
    const opened = await listen(ARLEQUIN, 10);
    player().appHidden();
    await fakeWx().backgroundAudio.advance(20);
    await settle(opened.simulate);
    expect(eventsTo('stats')).toEqual([]);

    await listen(GUITARIST, 3);
    const [event] = sentEvents();
    expect(event?.seconds).toBeGreaterThanOrEqual(29);
  });

  it('keeps events made offline on the phone and sends them in one batch when the network is back', async () => {
    // The works were downloaded before; only the statistics find no network.
    const host = realHost();
    let offline = true;
    fakeWx().host = (name, event) =>
      offline && name === 'stats' ? failure('UNAVAILABLE', '网络不可用') : host(name, event);
    await listen(ARLEQUIN, 8);
    await listen(GUITARIST, 8);
    await listen(ARLEQUIN, 8);
    expect(queued()).toHaveLength(2);

    offline = false;
    await player().listening.flush();

    // The first event went out alone and failed; the flush sends both in one call.
    const last = eventsTo('stats').at(-1);
    expect((last?.events as ListenedEvent[]).map((event) => event.artworkId)).toEqual([
      ARLEQUIN,
      GUITARIST,
    ]);
    expect(queued()).toEqual([]);
  });

  it('queues a session the system ended with the app, at the next launch', async () => {
    await listen(ARLEQUIN, 15);
    player().appHidden();
    // The system ends the app while it plays in the background; the next launch starts afresh.
    jest.resetModules();
    fakeWx().host = () => failure('UNAVAILABLE', '网络不可用');
    player();

    expect(queued()).toEqual([expect.objectContaining({ artworkId: ARLEQUIN, finished: false })]);
  });
});
