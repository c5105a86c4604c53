// Anonymous listening statistics: per work and day (Asia/Shanghai), how often its narration was
// played and finished, the seconds heard and where listeners stopped; and, apart, the ids of the
// events already counted, so a batch sent twice counts once. Nothing about who listened is kept.
// One interface, two stores: CloudBase collections here, NeDB files in nedb-stats.ts (kept out of
// the functions' bundles). Counts only ever move by atomic increments, so concurrent calls add up.

import { isDuplicateKey, settled } from './cloudbase';

/** One work's listening on one day; `_id` is `<YYYY-MM-DD>:<artworkId>`. */
export interface DailyListening {
  _id: string;
  day: string;
  artworkId: string;
  plays: number;
  finishes: number;
  seconds: number;
  /** dropoff[i]: events whose furthest position fell in the i-th 5-second slice. */
  dropoff: number[];
}

/** What a group of accepted events adds to one work's day. */
export interface ListeningTally {
  day: string;
  artworkId: string;
  plays: number;
  finishes: number;
  seconds: number;
  /** Counts per 5-second slice, as long as the narration has slices (ceil((duration + 5) / 5)). */
  dropoff: number[];
}

export const dailyId = (day: string, artworkId: string) => `${day}:${artworkId}`;

/** The document a work's day starts from, before its first increment. */
export function emptyDay(tally: ListeningTally): DailyListening {
  return {
    _id: dailyId(tally.day, tally.artworkId),
    day: tally.day,
    artworkId: tally.artworkId,
    plays: 0,
    finishes: 0,
    seconds: 0,
    dropoff: tally.dropoff.map(() => 0),
  };
}

/** The increments of a tally: field path → amount (slices as `dropoff.<i>`, zeros left out). */
export function incrementsOf(tally: ListeningTally): Record<string, number> {
  const increments: Record<string, number> = {
    plays: tally.plays,
    finishes: tally.finishes,
    seconds: tally.seconds,
  };
  tally.dropoff.forEach((count, slice) => {
    if (count > 0) increments[`dropoff.${slice}`] = count;
  });
  return increments;
}

export interface StatsRepository {
  /**
   * Records that the event with this id was received (insert-once, `day` kept only so old ids
   * can be purged); false when it was recorded before, by this call or any other.
   */
  recordEventId(id: string, day: string): Promise<boolean>;
  /** Forgets these event ids (their counts could not be written: a retry must count them). */
  forgetEventIds(ids: string[]): Promise<void>;
  /** Forgets the ids of events dated before `day`: events that old are refused anyway. */
  forgetEventIdsBefore(day: string): Promise<void>;
  /** Adds a tally to its work's day, creating the day's document on its first event. */
  addListening(tally: ListeningTally): Promise<void>;
  /** Every work's days from `from` to `to` (YYYY-MM-DD, inclusive), in no particular order. */
  listDays(from: string, to: string): Promise<DailyListening[]>;
}

/**
 * The part of wx-server-sdk's database the statistics need; `cloud.database()` fits it as it is
 * (tests fake it with the same shape). Answers are "a promise, or nothing when a callback was
 * given" in the SDK's typings: see `answer`.
 */
interface CloudStatsQuery {
  orderBy(field: string, order: 'asc' | 'desc'): CloudStatsQuery;
  skip(count: number): CloudStatsQuery;
  limit(count: number): CloudStatsQuery;
  get(): Promise<{ data: unknown[] }> | void | string;
}

export interface CloudStatsCollection {
  add(options: { data: Record<string, unknown> }): Promise<unknown> | void | string;
  where(filter: Record<string, unknown>): CloudStatsQuery & {
    update(options: {
      data: Record<string, unknown>;
    }): Promise<{ stats: { updated: number } }> | void | string;
    remove(): Promise<unknown> | void | string;
  };
}

export interface CloudStatsDatabase {
  collection(name: string): CloudStatsCollection;
  readonly command: {
    inc(value: number): unknown;
    in(values: unknown[]): unknown;
    lt(value: unknown): unknown;
    gte(value: unknown): unknown;
    lte(value: unknown): unknown;
    and(...conditions: unknown[]): unknown;
  };
}

/** Collection names on CloudBase; their rule lets only the cloud functions read and write them. */
export const STATS_COLLECTIONS = { daily: 'statsDaily', events: 'statsEvents' } as const;

/** A server-side get() answers at most 1,000 documents; `in` is kept to pages of 100. */
const PAGE = 1000;
const IN_BATCH = 100;

export class CloudBaseStats implements StatsRepository {
  constructor(private readonly db: CloudStatsDatabase) {}

  private collection(name: keyof typeof STATS_COLLECTIONS): CloudStatsCollection {
    return this.db.collection(STATS_COLLECTIONS[name]);
  }

  /** Inserts a document; false when one with its _id is there already (a racing add won). */
  private async insert<T extends { _id: string }>(name: keyof typeof STATS_COLLECTIONS, doc: T) {
    try {
      await settled(this.collection(name).add({ data: { ...doc } }), `${name} add`);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  recordEventId(id: string, day: string): Promise<boolean> {
    return this.insert('events', { _id: id, day });
  }

  async forgetEventIds(ids: string[]): Promise<void> {
    const _ = this.db.command;
    for (let start = 0; start < ids.length; start += IN_BATCH) {
      const batch = ids.slice(start, start + IN_BATCH);
      await settled(
        this.collection('events')
          .where({ _id: _.in(batch) })
          .remove(),
        'events remove',
      );
    }
  }

  async forgetEventIdsBefore(day: string): Promise<void> {
    await settled(
      this.collection('events')
        .where({ day: this.db.command.lt(day) })
        .remove(),
      'events remove',
    );
  }

  async addListening(tally: ListeningTally): Promise<void> {
    const _id = dailyId(tally.day, tally.artworkId);
    const data = Object.fromEntries(
      Object.entries(incrementsOf(tally)).map(([path, amount]) => [
        path,
        this.db.command.inc(amount),
      ]),
    );
    const update = async () =>
      (await settled(this.collection('daily').where({ _id }).update({ data }), 'daily update'))
        .stats.updated;
    if ((await update()) === 1) return;
    // The day's first event: its document is made at zero, then incremented like any other (an
    // add racing ours from another call is refused as a duplicate, and both increments land).
    await this.insert('daily', emptyDay(tally));
    if ((await update()) !== 1) throw new Error(`statsDaily ${_id} was not updated`);
  }

  async listDays(from: string, to: string): Promise<DailyListening[]> {
    const _ = this.db.command;
    const all: DailyListening[] = [];
    for (;;) {
      const page = await settled(
        this.collection('daily')
          .where({ day: _.and(_.gte(from), _.lte(to)) })
          .orderBy('_id', 'asc')
          .skip(all.length)
          .limit(PAGE)
          .get(),
        'daily get',
      );
      all.push(...(page.data as DailyListening[]));
      if (page.data.length < PAGE) return all;
    }
  }
}
