import type { AnswerOf, Artist } from '../../miniprogram/types/api';
import { toArtwork, toSummary, type MediaUrl } from '../domain/catalogue';
import { notFound } from '../domain/errors';
import { decodeCursor, encodeCursor } from '../domain/paging';
import { foldForSearch } from '../domain/text';
import type { CatalogueRepository } from '../repository/types';
import {
  artistsEventSchema,
  byNumberEventSchema,
  getEventSchema,
  listEventSchema,
} from './artworks-events';
import { defineFunction } from './dispatch';

export interface ArtworksDeps {
  repository: CatalogueRepository;
  mediaUrl: MediaUrl;
  /** Where faults of our own are reported; the caller only sees INTERNAL. */
  logError?: (error: unknown) => void;
}

const DEFAULT_LIMIT = 20;

export type ArtworksResult = AnswerOf<'artworks'>;

/** The `artworks` cloud function, whatever database and media store it is given. */
export function createArtworksMain(deps: ArtworksDeps) {
  const { repository, mediaUrl } = deps;

  async function listArtists(): Promise<Artist[]> {
    const artists = await repository.listArtists();
    return artists.map(({ id, name, lifespan, bio, count }) => ({
      id,
      name,
      lifespan,
      bio,
      count,
    }));
  }

  return defineFunction(
    'artworks',
    {
      list: listEventSchema,
      get: getEventSchema,
      byNumber: byNumberEventSchema,
      artists: artistsEventSchema,
    },
    {
      async list({ artist, floor, q, cursor, limit = DEFAULT_LIMIT, withArtists }) {
        const search = q === undefined ? '' : foldForSearch(q);
        const afterSortKey = cursor === undefined ? undefined : decodeCursor(cursor);
        // A query of nothing but punctuation or invisible characters names no work: it finds none,
        // rather than falling back to the whole collection.
        const findsNothing = search === '' && q !== undefined && q.trim() !== '';
        const [{ docs, total }, artists] = await Promise.all([
          findsNothing
            ? { docs: [], total: 0 }
            : repository.listArtworks({
                artistId: artist,
                floor,
                search: search || undefined,
                afterSortKey,
                limit: limit + 1,
              }),
          withArtists ? listArtists() : undefined,
        ]);
        const page = docs.slice(0, limit);
        const last = page[page.length - 1];
        const nextCursor = docs.length > limit && last ? encodeCursor(last.sortKey) : null;
        const items = page.map((doc) => toSummary(doc, mediaUrl));
        return artists ? { items, nextCursor, total, artists } : { items, nextCursor, total };
      },
      async get({ id }) {
        const doc = await repository.findArtworkById(id);
        if (!doc) throw notFound(`没有找到 id 为 ${id} 的作品。`);
        return toArtwork(doc, mediaUrl);
      },
      async byNumber({ number }) {
        const doc = await repository.findArtworkByNumber(number);
        if (!doc) throw notFound(`没有找到展签编号（number）为 ${number} 的作品。`);
        return toArtwork(doc, mediaUrl);
      },
      artists: listArtists,
    },
    deps.logError,
  );
}
