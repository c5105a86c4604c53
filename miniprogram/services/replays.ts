import type { Replay, ReplayListEvent, ReplayListPage } from '../types/api';
import { backend, type BackendClient } from './backend';
import { readCache, removeCache, writeCache } from './cache';

export type ReplayListQuery = Omit<ReplayListEvent, 'action'>;

export interface ReplaysService {
  list(query?: ReplayListQuery): Promise<ReplayListPage>;
  /** The full replay; its `video.url` stops working at `video.expiresAt`: call again for a new one. */
  get(id: string): Promise<Replay>;
}

export function createReplaysService(client: BackendClient = backend): ReplaysService {
  return {
    list: (query = {}) => {
      const event: ReplayListEvent = { action: 'list' };
      if (query.cursor) event.cursor = query.cursor;
      if (query.limit) event.limit = query.limit;
      return client.callFunction('replays', event);
    },
    get: (id) => client.callFunction('replays', { action: 'get', id }),
  };
}

export const replays: ReplaysService = createReplaysService();

function positionKey(replayId: string): string {
  return `replay.position.${replayId}`;
}

/** Where the visitor stopped watching this replay, in seconds; undefined if never (or finished). */
export function readReplayPosition(replayId: string): number | undefined {
  const seconds = readCache<number>(positionKey(replayId));
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
    ? seconds
    : undefined;
}

export function saveReplayPosition(replayId: string, seconds: number): void {
  if (!Number.isFinite(seconds) || seconds < 0) return;
  writeCache(positionKey(replayId), Math.round(seconds * 10) / 10);
}

export function clearReplayPosition(replayId: string): void {
  removeCache(positionKey(replayId));
}
