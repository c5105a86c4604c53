import type {
  AnswerOf,
  Envelope,
  ListenedEvent,
  StatsSummary,
  WorkListening,
} from '../../miniprogram/types/api';
import type { ArtworkSummaryDoc } from '../domain/catalogue';
import { fixedWindowLimiter, type RateLimit } from '../domain/rate-limit';
import { permissionDenied, toErrorEnvelope, unavailable } from '../domain/errors';
import { shanghaiDay } from '../domain/exhibitions';
import { isOpenid } from '../domain/identity';
import { dailyId, type ListeningTally, type StatsRepository } from '../repository/stats';
import type { CatalogueRepository } from '../repository/types';
import { defineFunction } from './dispatch';
import {
  instantOf,
  statsListenedEventSchema,
  statsSummaryEventSchema,
  type ListenedBatch,
  type Rejection,
} from './stats-events';

/** Dropoff is counted per slice of this many seconds of narration. */
export const SLICE_SECONDS = 5;
/** Seconds and furthest may pass the narration's duration by this much (a player's last tick). */
export const DURATION_MARGIN = 5;
/** Phones' clocks run a little ahead; an event further in the future than this is refused. */
export const MAX_FUTURE_MS = 10 * 60 * 1000;
/** Events older than this are refused, so their ids need not be kept longer (see purge). */
export const MAX_AGE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export type { RateLimit };

/** Calls to `stats` one client may make per window: a phone sends a batch per narration or so. */
export const STATS_RATE_LIMIT: RateLimit = { max: 60, windowSeconds: 60 };

export interface StatsDeps {
  /** The catalogue: only published works with a narration are counted. */
  repository: Pick<CatalogueRepository, 'findArtworkSummaries'>;
  stats: StatsRepository;
  /** The caller's OPENID (CloudBase: getWXContext; the local host: X-WX-OPENID), if any. */
  identify: (context: unknown) => string | undefined;
  /** OPENIDs of the museum staff allowed to read the summary. */
  staff: readonly string[];
  /**
   * Calls per caller (OPENID) this instance answers per window; unset where the host limits
   * callers itself (the local host, by client, with HTTP 429).
   */
  rateLimit?: RateLimit;
  /** The clock events' dates are checked on (tests set it). */
  now?: () => number;
  logError?: (error: unknown) => void;
}

export type StatsResult = AnswerOf<'stats'>;

/** The staff list of an environment variable: OPENIDs separated by commas. */
export function staffOpenids(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((openid) => openid.trim())
    .filter(isOpenid);
}

/** Slices of a narration's dropoff: its duration and the margin, in 5-second slices. */
export const sliceCount = (duration: number) =>
  Math.ceil((duration + DURATION_MARGIN) / SLICE_SECONDS);

const sliceOf = (furthest: number, slices: number) =>
  Math.min(Math.floor(furthest / SLICE_SECONDS), slices - 1);

const bySeconds = (value: number) => Math.round(value * 100) / 100;

/**
 * Every work's listening from `from` to `to` (YYYY-MM-DD, inclusive) summed over the days, the
 * most played first (ties by id). Reads the repository only: scripts use it on the local store.
 */
export async function summarize(
  stats: StatsRepository,
  from: string,
  to: string,
): Promise<StatsSummary> {
  const works = new Map<string, WorkListening>();
  for (const day of await stats.listDays(from, to)) {
    const work = works.get(day.artworkId) ?? {
      artworkId: day.artworkId,
      plays: 0,
      finishes: 0,
      seconds: 0,
      dropoff: [],
    };
    work.plays += day.plays;
    work.finishes += day.finishes;
    work.seconds += day.seconds;
    // A narration re-recorded longer has more slices on later days; a missing slice counts 0.
    day.dropoff.forEach((count, slice) => {
      work.dropoff[slice] = (work.dropoff[slice] ?? 0) + (typeof count === 'number' ? count : 0);
    });
    works.set(day.artworkId, work);
  }
  const summed = [...works.values()].map((work) => ({
    ...work,
    seconds: bySeconds(work.seconds),
    dropoff: Array.from(work.dropoff, (count) => count ?? 0),
  }));
  summed.sort(
    (a, b) =>
      b.plays - a.plays || (a.artworkId < b.artworkId ? -1 : a.artworkId > b.artworkId ? 1 : 0),
  );
  return { works: summed };
}

interface Counted {
  event: ListenedEvent;
  day: string;
  slices: number;
}

/**
 * The `stats` function: anonymous listening events in (each checked on its own, each id counted
 * once), per-work daily sums out to museum staff. Nothing identifying is stored; the caller's
 * OPENID is read only to check staff and, where `rateLimit` is set, to hold back a flood.
 */
export function createStatsMain(deps: StatsDeps) {
  const { repository, stats } = deps;
  const now = deps.now ?? Date.now;
  const staff = new Set(deps.staff);
  const logError = (error: unknown) => deps.logError?.(error);
  let purgedOn: string | undefined;

  /** Why the catalogue or the clock refuses an event whose shape is right; null when neither. */
  function problemOf(
    event: ListenedEvent,
    works: Map<string, ArtworkSummaryDoc>,
    at: number,
  ): string | null {
    const when = instantOf(event.at) ?? Number.NaN;
    if (when > at + MAX_FUTURE_MS) return '参数 at 晚于当前时间：不能提交未来的收听记录。';
    if (when < at - MAX_AGE_DAYS * DAY_MS) {
      return `参数 at 太久远：只接受 ${MAX_AGE_DAYS} 天内的收听记录。`;
    }
    const work = works.get(event.artworkId);
    if (!work) return `参数 artworkId 无效：没有找到 id 为 ${event.artworkId} 的作品。`;
    if (!work.audio) return `参数 artworkId 无效：作品 ${event.artworkId} 还没有讲解音频。`;
    const limit = work.audio.duration + DURATION_MARGIN;
    for (const field of ['seconds', 'furthest'] as const) {
      if (event[field] > limit) {
        return `参数 ${field} 超出范围：不能超过讲解时长 ${work.audio.duration} 秒再加 ${DURATION_MARGIN} 秒。`;
      }
    }
    return null;
  }

  /** Forgets ids whose counts were not written, so a retry counts them. */
  async function release(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    // Should this fail too, those events stay "received" and are never counted: the statistics
    // may then miss an event, but never count one twice.
    await stats.forgetEventIds(ids).catch(logError);
  }

  function storeFailed(error: unknown): Error {
    logError(error);
    return unavailable('收听统计暂时无法保存，请稍后重新发送这批 events。');
  }

  /**
   * Counts events not received before; answers how many. Each id is recorded first (insert-once,
   * so concurrent calls with the same event count it once); if the sums then cannot be written,
   * the ids are removed again, so nothing is half-written and a retry counts them.
   */
  async function count(events: Counted[]): Promise<number> {
    const claims = await Promise.allSettled(
      events.map(({ event, day }) => stats.recordEventId(event.id, day)),
    );
    const claimed = events.filter((_event, index) => {
      const claim = claims[index];
      return claim?.status === 'fulfilled' && claim.value;
    });
    const failedClaim = claims.find((claim) => claim.status === 'rejected');
    if (failedClaim) {
      await release(claimed.map(({ event }) => event.id));
      throw storeFailed(failedClaim.reason);
    }
    const groups = new Map<string, { tally: ListeningTally; ids: string[] }>();
    for (const { event, day, slices } of claimed) {
      const key = dailyId(day, event.artworkId);
      const group = groups.get(key) ?? {
        tally: {
          day,
          artworkId: event.artworkId,
          plays: 0,
          finishes: 0,
          seconds: 0,
          dropoff: new Array<number>(slices).fill(0),
        },
        ids: [],
      };
      group.tally.plays += 1;
      group.tally.finishes += event.finished ? 1 : 0;
      group.tally.seconds += event.seconds;
      const slice = sliceOf(event.furthest, slices);
      group.tally.dropoff[slice] = (group.tally.dropoff[slice] ?? 0) + 1;
      group.ids.push(event.id);
      groups.set(key, group);
    }
    const written = await Promise.allSettled(
      [...groups.values()].map(async (group) => {
        try {
          await stats.addListening(group.tally);
        } catch (error) {
          await release(group.ids);
          throw error;
        }
      }),
    );
    const failedWrite = written.find((write) => write.status === 'rejected');
    if (failedWrite) throw storeFailed(failedWrite.reason);
    return claimed.length;
  }

  /** Once a day per instance: ids too old to matter (their events would be refused now). */
  async function purge(at: number): Promise<void> {
    const today = shanghaiDay(at);
    if (purgedOn === today) return;
    purgedOn = today;
    await stats.forgetEventIdsBefore(shanghaiDay(at - (MAX_AGE_DAYS + 1) * DAY_MS)).catch(logError);
  }

  const main = defineFunction(
    'stats',
    { listened: statsListenedEventSchema, summary: statsSummaryEventSchema },
    {
      async listened(event) {
        // The schema's answer (stats-events.ts): the well-formed events, and the others refused.
        const batch = event as ListenedBatch;
        const at = now();
        const rejected: Rejection[] = [...batch.rejected];
        const works = new Map(
          (
            await repository.findArtworkSummaries([
              ...new Set(batch.events.map((listened) => listened.artworkId)),
            ])
          ).map((work) => [work.id, work]),
        );
        const seen = new Set<string>();
        const fresh: Counted[] = [];
        let duplicates = 0;
        for (const listened of batch.events) {
          const reason = problemOf(listened, works, at);
          if (reason) {
            rejected.push({ id: listened.id, reason });
          } else if (seen.has(listened.id)) {
            duplicates += 1;
          } else {
            seen.add(listened.id);
            const duration = works.get(listened.artworkId)?.audio?.duration ?? 0;
            fresh.push({
              event: listened,
              day: shanghaiDay(instantOf(listened.at) ?? at),
              slices: sliceCount(duration),
            });
          }
        }
        const accepted = await count(fresh);
        await purge(at);
        return { accepted, duplicates: duplicates + fresh.length - accepted, rejected };
      },
      async summary({ from, to }, context) {
        const openid = deps.identify(context);
        if (!isOpenid(openid)) {
          throw permissionDenied('没有识别到微信用户身份（openid），无法查看收听统计。');
        }
        if (!staff.has(openid)) {
          throw permissionDenied(
            '只有馆方工作人员可以查看收听统计：这个 openid 不在 STAFF_OPENIDS 中。',
          );
        }
        const { works } = await summarize(stats, from, to);
        // A work unpublished since is left out: unpublished records never leave the backend.
        const published = new Set(
          (await repository.findArtworkSummaries(works.map((work) => work.artworkId))).map(
            (work) => work.id,
          ),
        );
        return { works: works.filter((work) => published.has(work.artworkId)) };
      },
    },
    deps.logError,
  );

  const limit = deps.rateLimit;
  if (!limit) return main;
  // In this instance's memory: a best effort, as CloudBase runs several instances and recycles
  // them, but one phone's flood is held back without holding back anyone else.
  const waitFor = fixedWindowLimiter(limit, now);
  return async (event: unknown, context?: unknown): Promise<Envelope<StatsResult>> => {
    const wait = waitFor(deps.identify(context) ?? '');
    if (wait > 0) return toErrorEnvelope(unavailable(`请求过于频繁：请在 ${wait} 秒后再试。`));
    return main(event, context);
  };
}
