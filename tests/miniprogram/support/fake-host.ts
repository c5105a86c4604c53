import type { Artwork, ArtworkSummary, ErrorCode, Page } from '../../../miniprogram/types/api';
import type { HostAnswer, HostHandler } from './fake-wx';
import { allArtworks, artists, searchTerms, summaryOf } from './fixtures';

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
