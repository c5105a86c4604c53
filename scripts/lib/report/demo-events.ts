import path from 'path';
import { createStatsMain } from '../../../backend/functions/stats';
import type { LoadedCatalogue } from '../../../backend/content/load';
import { NedbCatalogue, seedLocalStore } from '../../../backend/repository/nedb';
import { NedbStats } from '../../../backend/repository/nedb-stats';
import type { ListenedAnswer, ListenedEvent } from '../../../miniprogram/types/api';
import type { ReportArtwork, ReportExhibition } from './figures';
import type { Period } from './settings';
import { addDays } from './settings';

export const DEMO_SEED = 20261001;
/** Narrations a weekday brings on average; weekends and the National Day week bring more. */
const WEEKDAY_LISTENS = 150;
const BATCH = 50;

interface DemoExhibition extends ReportExhibition {
  startDate: string;
  endDate: string;
}

export interface DemoCatalogue {
  artworks: ReportArtwork[];
  exhibitions?: DemoExhibition[];
}

/** A small, fast, seeded generator (mulberry32): the same seed gives the same month. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Listening {
  artwork: ReportArtwork & { audio: { duration: number } };
  weight: number;
  /** Chance of leaving during each sentence. */
  hazards: number[];
}

/**
 * A month of plausible listening for the published narrations: some works drawn far more than
 * others, more visitors at weekends and in the National Day week, afternoons busier than mornings,
 * and per narration one or two sentences where many listeners walk away.
 */
export function demoEvents(
  catalogue: DemoCatalogue,
  period: Period,
  seed = DEMO_SEED,
): ListenedEvent[] {
  const random = seededRandom(seed);
  const works: Listening[] = catalogue.artworks
    .filter(
      (artwork): artwork is Listening['artwork'] =>
        artwork.published && artwork.audio !== null && artwork.transcript.length > 0,
    )
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((artwork) => ({
      artwork,
      weight: 0.3 + random() * 1.4,
      hazards: hazardsOf(artwork, random),
    }));
  const total = works.reduce((sum, work) => sum + work.weight, 0);
  const events: ListenedEvent[] = [];
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) {
    const listens = Math.round(WEEKDAY_LISTENS * busyness(day) * (0.85 + random() * 0.3));
    for (let count = 0; count < listens; count += 1) {
      let pick = random() * total;
      const work =
        works.find((candidate) => (pick -= candidate.weight) < 0) ?? works[works.length - 1];
      if (!work) return events;
      events.push(
        listen(work, day, catalogue.exhibitions ?? [], random, `demo-${seed}-${events.length + 1}`),
      );
    }
  }
  return events.sort((a, b) => a.at.localeCompare(b.at));
}

function hazardsOf(artwork: ReportArtwork, random: () => number): number[] {
  const count = artwork.transcript.length;
  // Some narrations hold their listeners better than others throughout.
  const patience = 0.5 + random() * 1.3;
  const hazards = artwork.transcript.map(() => (0.003 + random() * 0.008) * patience);
  // Some open the narration by mistake and leave at once.
  hazards[0] = 0.03 + random() * 0.05;
  const hard = 2 + Math.floor(random() * Math.max(1, count - 4));
  hazards[hard] = 0.12 + random() * 0.16;
  const mild = 2 + Math.floor(random() * Math.max(1, count - 3));
  if (mild !== hard) hazards[mild] = (hazards[mild] ?? 0) + 0.03 + random() * 0.05;
  return hazards;
}

function busyness(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const nationalDay = day.slice(5) >= '10-01' && day.slice(5) <= '10-07';
  return nationalDay ? 2.2 : weekday === 0 || weekday === 6 ? 1.7 : 1;
}

function listen(
  work: Listening,
  day: string,
  exhibitions: DemoExhibition[],
  random: () => number,
  id: string,
): ListenedEvent {
  const { artwork, hazards } = work;
  const duration = artwork.audio.duration;
  let furthest = duration;
  for (const [index, cue] of artwork.transcript.entries()) {
    if (random() < (hazards[index] ?? 0)) {
      const start = index === 0 ? 0 : cue.start;
      const end = artwork.transcript[index + 1]?.start ?? duration;
      furthest = start + random() * (end - start);
      break;
    }
  }
  const finished = furthest === duration;
  // Opening hours, busiest in the afternoon.
  const minutes = Math.floor(10 * 60 + ((random() + random()) / 2) * 9.5 * 60);
  const second = Math.floor(random() * 60);
  const time = `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:${pad(second)}`;
  const exhibition = exhibitions.find(
    (candidate) =>
      candidate.published &&
      candidate.startDate <= day &&
      day <= candidate.endDate &&
      candidate.works.some((item) => item.artworkId === artwork.id),
  );
  return {
    id,
    artworkId: artwork.id,
    ...(exhibition ? { exhibitionId: exhibition.id } : {}),
    seconds: Math.round(furthest * (0.9 + random() * 0.1) * 10) / 10,
    furthest: Math.round(furthest * 100) / 100,
    finished,
    at: `${day}T${time}+08:00`,
  };
}

const pad = (value: number) => String(value).padStart(2, '0');

export interface DemoStore {
  stats: NedbStats;
  events: number;
  accepted: number;
}

/**
 * Records the events through the stats function's own `listened` action, 50 a call, into a stats
 * store in `dir` (with a copy of the catalogue beside it, which the function checks works
 * against). The function's clock is set to each batch's time, as if sent the moment they ended.
 */
export async function recordDemoEvents(
  dir: string,
  catalogue: LoadedCatalogue,
  events: ListenedEvent[],
): Promise<DemoStore> {
  const storeDir = path.join(dir, 'catalogue');
  await seedLocalStore(storeDir, catalogue, catalogue.fingerprint);
  const stats = new NedbStats(path.join(dir, 'state'));
  let clock = 0;
  const main = createStatsMain({
    repository: await NedbCatalogue.open(storeDir),
    stats,
    identify: () => undefined,
    staff: [],
    now: () => clock,
  });
  let accepted = 0;
  for (let start = 0; start < events.length; start += BATCH) {
    const batch = events.slice(start, start + BATCH);
    clock = Math.max(...batch.map((event) => Date.parse(event.at))) + 60_000;
    const answer = await main({ action: 'listened', events: batch }, {});
    if (!answer.ok) throw new Error(`stats listened: ${answer.error.message}`);
    const data = answer.data as ListenedAnswer;
    if (data.rejected.length > 0) {
      throw new Error(`stats refused a demo event: ${JSON.stringify(data.rejected[0])}`);
    }
    accepted += data.accepted;
  }
  return { stats, events: events.length, accepted };
}
