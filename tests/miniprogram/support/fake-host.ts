import type {
  Artwork,
  ArtworkSummary,
  ErrorCode,
  Page,
  Replay,
  ReplaySummary,
} from '../../../miniprogram/types/api';
import type { HostAnswer, HostHandler } from './fake-wx';
import {
  allArtworks,
  allReplays,
  artists,
  replaySummaryOf,
  searchTerms,
  summaryOf,
} from './fixtures';

const STATUS: Record<ErrorCode, number> = {
  INVALID_ARGUMENT: 400,
  NOT_FOUND: 404,
  PERMISSION_DENIED: 403,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export function ok(data: unknown): HostAnswer {
  return { statusCode: 200, data: { ok: true, data } };
}

export function failure(code: ErrorCode, message: string): HostAnswer {
  return { statusCode: STATUS[code], data: { ok: false, error: { code, message } } };
}

/**
 * Answers the `artworks` contract of PRODUCT.md over a small catalogue, the way the local host
 * does: envelopes, HTTP statuses, opaque cursors.
 */
export function artworksHost(catalogue: Artwork[] = allArtworks): HostHandler {
  return (functionName, event) => {
    if (functionName !== 'artworks')
      return failure('NOT_FOUND', `没有名为 ${functionName} 的云函数`);
    switch (event.action) {
      case 'artists':
        return ok(artists);
      case 'list':
        return ok(listPage(catalogue, event));
      case 'get': {
        const found = catalogue.find((work) => work.id === event.id);
        return found ? ok(found) : failure('NOT_FOUND', `没有 id 为 ${String(event.id)} 的作品`);
      }
      case 'byNumber': {
        const found = catalogue.find((work) => work.number === event.number);
        return found
          ? ok(found)
          : failure('NOT_FOUND', `没有编号为 ${String(event.number)} 的作品`);
      }
      default:
        return failure('INVALID_ARGUMENT', 'action 必须是 list、get、byNumber 或 artists');
    }
  };
}

function listPage(
  catalogue: Artwork[],
  event: Record<string, unknown>,
): Page<ArtworkSummary> & { artists?: typeof artists } {
  const q = typeof event.q === 'string' ? event.q.toLowerCase() : '';
  const matching = catalogue.filter(
    (work) =>
      (!event.artist || work.artist.id === event.artist) &&
      (!q || (searchTerms[work.id] ?? []).some((term) => term.toLowerCase().includes(q))),
  );
  const limit = typeof event.limit === 'number' ? event.limit : 20;
  const start = typeof event.cursor === 'string' ? Number(event.cursor) : 0;
  const items = matching.slice(start, start + limit).map(summaryOf);
  const end = start + items.length;
  const page = {
    items,
    nextCursor: end < matching.length ? String(end) : null,
    total: matching.length,
  };
  return event.withArtists === true ? { ...page, artists } : page;
}

/** A signed link that expires, as the backend signs it: each `get` answers a new signature. */
export const LINK_LIFETIME_MS = 2 * 60 * 60 * 1000;

/**
 * Answers the `replays` contract of PRODUCT.md: newest first, opaque cursors, and on `get` a video
 * link that carries a new signature each time (`?sig=1`, `?sig=2`, …) and expires.
 */
export function replaysHost(catalogue: Replay[] = allReplays): HostHandler {
  let signatures = 0;
  return (functionName, event) => {
    if (functionName !== 'replays')
      return failure('NOT_FOUND', `没有名为 ${functionName} 的云函数`);
    switch (event.action) {
      case 'list': {
        const limit = typeof event.limit === 'number' ? event.limit : 20;
        const start = typeof event.cursor === 'string' ? Number(event.cursor) : 0;
        const items = catalogue.slice(start, start + limit).map(replaySummaryOf);
        const end = start + items.length;
        const page: Page<ReplaySummary> = {
          items,
          nextCursor: end < catalogue.length ? String(end) : null,
          total: catalogue.length,
        };
        return ok(page);
      }
      case 'get': {
        const found = catalogue.find((replay) => replay.id === event.id);
        if (!found) return failure('NOT_FOUND', `没有 id 为 ${String(event.id)} 的回放`);
        signatures += 1;
        const url = found.video.url.replace(/\?.*$/, '') + `?sig=${signatures}`;
        return ok({
          ...found,
          video: { ...found.video, url, expiresAt: Date.now() + LINK_LIFETIME_MS },
        });
      }
      default:
        return failure('INVALID_ARGUMENT', 'action 必须是 list 或 get');
    }
  };
}

/** Both functions, routed by name, as the local host serves them. */
export function museumHost(): HostHandler {
  const artworks = artworksHost();
  const replays = replaysHost();
  return (functionName, event) =>
    functionName === 'replays' ? replays(functionName, event) : artworks(functionName, event);
}
