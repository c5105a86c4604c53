// The playback setData budget, measured: narration (the platform's timeUpdate every 250 ms) through
// the rendered artwork page with the mini player mounted, counting every setData of every component
// and its UTF-8 size. Part of `npm test` over a short stretch; `npm run bench:playback`
// (scripts/bench-playback.ts) plays a minute and prints the figures.
import { promises as fs } from 'fs';
import path from 'path';
import { fakeWx, useFakeClock } from '../support/fake-wx';
import { fetchArtwork } from '../support/real-host';
import {
  payloadBytes,
  SET_DATA_MAX_BYTES,
  SET_DATA_MAX_PER_SECOND,
} from '../support/set-data-budget';
import { openPage, settle, tap, type OpenedPage } from '../support/simulate';
import { BENCH_OUT_ENV, BENCH_SECONDS_ENV, type ScenarioResult } from './playback-result';

const PLAYING = 'picasso-arlequin-1923';
const OTHER = 'chagall-a-la-russie-1911';

/** Long enough for every throttle to fire many times over; the bench plays a minute. */
const SECONDS = Number(process.env[BENCH_SECONDS_ENV]) || 15;

interface Call {
  component: string;
  /** Date.now() of the fake clock, which the narration's ticks move. */
  at: number;
  bytes: number;
  keys: string[];
}

type ComponentOptions = WechatMiniprogram.IAnyObject & {
  lifetimes?: { created?: () => void };
  created?: () => void;
};

/** Wraps Component() so that every instance's setData is counted (pages are components too). */
function countSetData(calls: Call[]): void {
  const global = globalThis as unknown as { Component: (options: ComponentOptions) => string };
  const original = global.Component;
  let definitions = 0;
  global.Component = (options) => {
    definitions += 1;
    const definition = definitions;
    let instances = 0;
    const lifetimes = options.lifetimes ?? {};
    const created = lifetimes.created ?? options.created;
    return original({
      ...options,
      lifetimes: {
        ...lifetimes,
        created(this: WechatMiniprogram.Component.TrivialInstance) {
          instances += 1;
          const name = `definition ${definition} instance ${instances}`;
          const setData = this.setData;
          this.setData = (data: WechatMiniprogram.IAnyObject, callback?: () => void) => {
            calls.push({
              component: name,
              at: Date.now(),
              bytes: payloadBytes(data),
              keys: Object.keys(data),
            });
            return setData.call(this, data, callback);
          };
          created?.call(this);
        },
      },
    });
  };
}

/** The most calls within any one second, a window starting at each call in turn. */
function busiestSecond(calls: Call[]): number {
  return calls.reduce(
    (most, call) =>
      Math.max(
        most,
        calls.filter((other) => other.at >= call.at && other.at < call.at + 1000).length,
      ),
    0,
  );
}

function expectWithinBudget(result: ScenarioResult): void {
  expect(result.busiestSecond).toBeLessThanOrEqual(SET_DATA_MAX_PER_SECOND);
  expect(result.perSecond).toBeLessThanOrEqual(SET_DATA_MAX_PER_SECOND);
  expect(result.largestBytes).toBeLessThan(SET_DATA_MAX_BYTES);
}

async function measure(name: string, calls: Call[], opened: OpenedPage): Promise<ScenarioResult> {
  calls.length = 0;
  await fakeWx().backgroundAudio.advance(SECONDS, () => settle(opened.simulate, 1));
  await settle(opened.simulate);
  const largest = calls.reduce<Call | undefined>(
    (max, call) => (!max || call.bytes > max.bytes ? call : max),
    undefined,
  );
  const byComponent: Record<string, number> = {};
  for (const call of calls) byComponent[call.component] = (byComponent[call.component] ?? 0) + 1;
  return {
    name,
    seconds: SECONDS,
    calls: calls.length,
    perSecond: calls.length / SECONDS,
    busiestSecond: busiestSecond(calls),
    largestBytes: largest?.bytes ?? 0,
    largestKeys: largest?.keys ?? [],
    byComponent,
  };
}

describe('playback setData budget', () => {
  const results: ScenarioResult[] = [];
  /** The narration's measured length, as the platform learns it from the file. */
  let narrationLength = 0;

  beforeAll(async () => {
    narrationLength = (await fetchArtwork(PLAYING)).audio?.duration ?? 0;
  });

  beforeEach(() => {
    jest.resetModules();
    useFakeClock();
    fakeWx().backgroundAudio.trackDuration = narrationLength;
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  afterAll(async () => {
    const out = process.env[BENCH_OUT_ENV];
    if (out) {
      await fs.mkdir(path.dirname(out), { recursive: true });
      await fs.writeFile(out, JSON.stringify(results, null, 2));
    }
  });

  it('listening on the artwork page (full player, transcript, mini player mounted)', async () => {
    const calls: Call[] = [];
    require('miniprogram-simulate');
    countSetData(calls);
    const opened = openPage('artwork', { id: PLAYING });
    await settle(opened.simulate);
    await tap(opened, '#play');
    await settle(opened.simulate);

    const result = await measure('artwork page, this work playing', calls, opened);
    results.push(result);
    expectWithinBudget(result);
  });

  it('browsing another work while listening (its page, the mini player showing)', async () => {
    const calls: Call[] = [];
    require('miniprogram-simulate');
    countSetData(calls);
    const playing = openPage('artwork', { id: PLAYING });
    await settle(playing.simulate);
    await tap(playing, '#play');
    await settle(playing.simulate);
    // The visitor moves on: the playing work's page is covered by the next one.
    playing.instance.onHide?.();
    playing.page.triggerPageLifeTime('hide');
    const other = openPage('artwork', { id: OTHER });
    await settle(other.simulate);

    const result = await measure('another artwork page, mini player showing', calls, other);
    results.push(result);
    expectWithinBudget(result);
  });
});
