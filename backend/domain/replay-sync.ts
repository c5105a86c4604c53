// Fetches the recordings of ended lives from the mini program live platform (getLiveInfo with
// action "get_replay") and keeps them as replay sources. An answer is taken whole or not at all:
// an error, an empty list (the recording is still being made) or anything odd leaves the stored
// source as it was, and says why.
import type { LiveStateRepository, ReplaySourceRecord } from '../repository/live-state';
import type { CatalogueRepository } from '../repository/types';
import { liveStatus, type LiveDoc } from './catalogue';

export type ReplayEntry = ReplaySourceRecord['entries'][number];

/**
 * One getLiveInfo call for a room's recordings; it answers WeChat's JSON as it came, with the
 * HTTP API's snake_case keys or the cloud SDK's camelCase ones. It throws only when no answer came.
 */
export type ReplayPageFetcher = (request: {
  roomId: number;
  start: number;
  limit: number;
}) => Promise<unknown>;

/** WeChat asks for at most 100 a page. */
export const MAX_PAGE_SIZE = 100;
/** A room has a handful of recordings; this many pages means the answers are not moving on. */
const MAX_PAGES = 50;

/** Said beside WeChat's own errmsg for the codes a wrong room id is known to get. */
const KNOWN_ERRORS: Record<number, string> = {
  9410000: '直播间列表为空：直播间号不存在或不属于本小程序',
};

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A key in either style: the HTTP API's `media_url` or wx-server-sdk's `mediaUrl`. */
function field(object: Fields, snake: string): unknown {
  if (snake in object) return object[snake];
  return object[snake.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())];
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A time as WeChat writes it, in ISO 8601 (the documented form, e.g. 2020-11-11T03:49:55Z) or in
 * unix seconds, as an ISO string; null when it is neither. A date-time with no zone is read in
 * Beijing time, the platform's own.
 */
export function platformTime(value: unknown): string | null {
  let ms = Number.NaN;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d{9,11}$/.test(value))) {
    const seconds = Number(value);
    if (Number.isInteger(seconds) && seconds > 0) ms = seconds * 1000;
  } else if (typeof value === 'string' && ISO_DATE_TIME.test(value.trim())) {
    const text = value.trim().replace(' ', 'T');
    ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}+08:00`);
  }
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

function readEntry(raw: unknown, where: string): ReplayEntry | string {
  if (!isObject(raw)) return `${where} 不是对象`;
  const url = field(raw, 'media_url');
  if (typeof url !== 'string' || url.trim() === '') return `${where}.media_url 缺失`;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return `${where}.media_url 不是链接：${url}`;
  }
  if (parsed.protocol !== 'https:') return `${where}.media_url 不是 https 链接：${url}`;
  if (!parsed.pathname.toLowerCase().endsWith('.m3u8')) {
    return `${where}.media_url 不是 HLS 播放列表（.m3u8）：${url}`;
  }
  const expiresAt = platformTime(field(raw, 'expire_time'));
  if (!expiresAt)
    return `${where}.expire_time 缺失或不是时间：${String(field(raw, 'expire_time'))}`;
  const createdAt = platformTime(field(raw, 'create_time'));
  if (!createdAt)
    return `${where}.create_time 缺失或不是时间：${String(field(raw, 'create_time'))}`;
  return { url: parsed.href, expiresAt, createdAt };
}

export type PageReading =
  { ok: true; entries: ReplayEntry[]; total: number | undefined } | { ok: false; reason: string };

/** One answer of getLiveInfo (get_replay), checked entry by entry. */
export function readReplayPage(answer: unknown, start = 0): PageReading {
  if (!isObject(answer)) return { ok: false, reason: '微信的回答不是 JSON 对象' };
  const errcode = field(answer, 'errcode') ?? 0;
  if (errcode !== 0) {
    const known = typeof errcode === 'number' ? KNOWN_ERRORS[errcode] : undefined;
    const errmsg = field(answer, 'errmsg');
    return {
      ok: false,
      reason: `微信返回错误 errcode ${String(errcode)}${known ? `（${known}）` : ''}：${typeof errmsg === 'string' ? errmsg : ''}`,
    };
  }
  const list = field(answer, 'live_replay');
  if (!Array.isArray(list)) return { ok: false, reason: '回答缺少 live_replay 列表' };
  const total = field(answer, 'total');
  if (total !== undefined && !(Number.isInteger(total) && (total as number) >= 0)) {
    return { ok: false, reason: `回答的 total 不是非负整数：${String(total)}` };
  }
  const entries: ReplayEntry[] = [];
  for (const [index, raw] of list.entries()) {
    const entry = readEntry(raw, `live_replay[${start + index}]`);
    if (typeof entry === 'string') return { ok: false, reason: entry };
    entries.push(entry);
  }
  return { ok: true, entries, total: total as number | undefined };
}

export type RoomReplay =
  { kind: 'entries'; entries: ReplayEntry[] } | { kind: 'not-ready' | 'failed'; reason: string };

const byCreated = (a: ReplayEntry, b: ReplayEntry) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.url < b.url ? -1 : 1;

/** Every recording of a room, page after page, oldest first; one bad page spoils the lot. */
export async function fetchRoomReplay(
  fetchPage: ReplayPageFetcher,
  roomId: number,
  pageSize = MAX_PAGE_SIZE,
): Promise<RoomReplay> {
  const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(pageSize)));
  const found = new Map<string, ReplayEntry>();
  let start = 0;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    let answer: unknown;
    try {
      answer = await fetchPage({ roomId, start, limit });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { kind: 'failed', reason: `调用 getLiveInfo 没有得到回答：${message}` };
    }
    const reading = readReplayPage(answer, start);
    if (!reading.ok) return { kind: 'failed', reason: reading.reason };
    // The same recording seen twice (pages shift when one is added meanwhile) is kept once.
    for (const entry of reading.entries) found.set(`${entry.createdAt} ${entry.url}`, entry);
    start += reading.entries.length;
    const last =
      reading.entries.length === 0 ||
      (reading.total === undefined ? reading.entries.length < limit : start >= reading.total);
    if (!last) continue;
    if (found.size === 0) {
      return { kind: 'not-ready', reason: '回放尚未生成（live_replay 为空），下次同步再取' };
    }
    return { kind: 'entries', entries: [...found.values()].sort(byCreated) };
  }
  return { kind: 'failed', reason: `翻了 ${MAX_PAGES} 页仍未取完（total 与 live_replay 对不上）` };
}

export type SyncOutcome = 'created' | 'updated' | 'unchanged' | 'not-ready' | 'failed';

export interface LiveSyncResult {
  liveId: string;
  replayId: string;
  roomId: number;
  outcome: SyncOutcome;
  /** Recordings the platform listed (created, updated, unchanged). */
  entries?: number;
  /** Why nothing was written (not-ready, failed). */
  reason?: string;
}

export interface ReplaySyncReport {
  created: number;
  updated: number;
  /** Unchanged, not ready or failed: no record was written for these. */
  leftAlone: number;
  results: LiveSyncResult[];
  dryRun: boolean;
}

export interface ReplaySyncOptions {
  catalogue: Pick<CatalogueRepository, 'listLives'>;
  state: Pick<LiveStateRepository, 'findReplaySource' | 'saveReplaySource'>;
  fetchPage: ReplayPageFetcher;
  now?: () => number;
  /** Reports what would change and writes nothing. */
  dryRun?: boolean;
  pageSize?: number;
}

type RoomLive = LiveDoc & { liveRoom: { roomId: number } };

/** Published lives streamed in a mini program live room that have ended, oldest first. */
export function livesToSync(lives: readonly LiveDoc[], now: number): RoomLive[] {
  return lives
    .filter((live): live is RoomLive => !!live.liveRoom && liveStatus(live, now) === 'ended')
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || (a.id < b.id ? -1 : 1));
}

const entriesOf = (source: ReplaySourceRecord) =>
  JSON.stringify(
    source.entries.map(({ url, expiresAt, createdAt }) => [url, expiresAt, createdAt]),
  );

const sameSource = (stored: ReplaySourceRecord, next: ReplaySourceRecord) =>
  stored.liveId === next.liveId &&
  stored.roomId === next.roomId &&
  entriesOf(stored) === entriesOf(next);

async function syncLive(
  live: RoomLive,
  options: ReplaySyncOptions,
  syncedAt: string,
): Promise<LiveSyncResult> {
  const replayId = live.replayId ?? live.id;
  const roomId = live.liveRoom.roomId;
  const about = { liveId: live.id, replayId, roomId };
  const fetched = await fetchRoomReplay(options.fetchPage, roomId, options.pageSize);
  if (fetched.kind !== 'entries') {
    return { ...about, outcome: fetched.kind, reason: fetched.reason };
  }
  const next: ReplaySourceRecord = {
    _id: replayId,
    liveId: live.id,
    roomId,
    entries: fetched.entries,
    syncedAt,
  };
  const stored = await options.state.findReplaySource(replayId);
  const entries = fetched.entries.length;
  if (stored && sameSource(stored, next)) return { ...about, outcome: 'unchanged', entries };
  if (!options.dryRun) await options.state.saveReplaySource(next);
  return { ...about, outcome: stored ? 'updated' : 'created', entries };
}

/**
 * Fetches the recording of every ended live that has a live room and saves what changed, one live
 * at a time; a live that cannot be synced is reported and the others go on.
 */
export async function syncReplays(options: ReplaySyncOptions): Promise<ReplaySyncReport> {
  const now = (options.now ?? Date.now)();
  const syncedAt = new Date(now).toISOString();
  const results: LiveSyncResult[] = [];
  for (const live of livesToSync(await options.catalogue.listLives(), now)) {
    try {
      results.push(await syncLive(live, options, syncedAt));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.push({
        liveId: live.id,
        replayId: live.replayId ?? live.id,
        roomId: live.liveRoom.roomId,
        outcome: 'failed',
        reason: `读写回放记录失败：${message}`,
      });
    }
  }
  const count = (outcome: SyncOutcome) => results.filter((r) => r.outcome === outcome).length;
  const created = count('created');
  const updated = count('updated');
  return {
    created,
    updated,
    leftAlone: results.length - created - updated,
    results,
    dryRun: options.dryRun === true,
  };
}

const OUTCOME_WORDS: Record<SyncOutcome, [done: string, dryRun: string]> = {
  created: ['created', 'would create'],
  updated: ['updated', 'would update'],
  unchanged: ['unchanged', 'unchanged'],
  'not-ready': ['not ready', 'not ready'],
  failed: ['failed', 'failed'],
};

/** The report as lines for a person (the staff command) or the function's log. */
export function describeSync(report: ReplaySyncReport): string[] {
  const lines = report.results.map((result) => {
    const word = OUTCOME_WORDS[result.outcome][report.dryRun ? 1 : 0];
    const what = `replay ${result.replayId} ← live ${result.liveId} (room ${result.roomId})`;
    const detail = result.reason ?? `${result.entries ?? 0} recording(s)`;
    return `${word.padEnd(12)} ${what}: ${detail}`;
  });
  const figures = `${report.created} created, ${report.updated} updated, ${report.leftAlone} left alone`;
  if (report.results.length === 0) lines.push('No ended live with a live room to sync.');
  lines.push(
    report.dryRun ? `Dry run, nothing written: ${figures}.` : `Replays synced: ${figures}.`,
  );
  return lines;
}

/** wx-server-sdk's cloud.openapi, as far as this needs it. */
export interface LiveBroadcastOpenApi {
  liveBroadcast: {
    getLiveInfo(request: {
      action: 'get_replay';
      roomId: number;
      start: number;
      limit: number;
    }): Promise<unknown>;
  };
}

/**
 * The fetcher on CloudBase: the SDK sends roomId as room_id, answers camelCase keys, and throws
 * WeChat's refusals (errCode, errMsg), which come back here as the errcode answer they were.
 */
export function openapiReplayFetcher(openapi: LiveBroadcastOpenApi): ReplayPageFetcher {
  return async ({ roomId, start, limit }) => {
    try {
      return await openapi.liveBroadcast.getLiveInfo({
        action: 'get_replay',
        roomId,
        start,
        limit,
      });
    } catch (error) {
      const { errCode, errMsg } = (error ?? {}) as { errCode?: unknown; errMsg?: unknown };
      if (typeof errCode === 'number' && errCode !== 0) {
        return { errcode: errCode, errmsg: typeof errMsg === 'string' ? errMsg : '' };
      }
      throw error;
    }
  };
}
