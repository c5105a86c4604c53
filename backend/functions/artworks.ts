import type { AnswerOf, Artist } from '../../miniprogram/types/api';
import { toArtwork, toSummary, type ExhibitionDoc, type MediaUrl } from '../domain/catalogue';
import { inVisitOrder, shanghaiDay, statusOn } from '../domain/exhibitions';
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
  /** The clock that decides which exhibition is current (tests set it). */
  now?: () => number;
}

const DEFAULT_LIMIT = 20;

export type ArtworksResult = AnswerOf<'artworks'>;

/** The `artworks` cloud function, whatever database and media store it is given. */
export function createArtworksMain(deps: ArtworksDeps) {
  const { repository, mediaUrl } = deps;
  const now = deps.now ?? Date.now;

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

  /**
   * A label number means a work within one exhibition: the one named, or else the first current
   * one. With no exhibition current anywhere, it is the number the work's own record carries.
   */
  async function findByLabel(number: string, exhibitionId?: string) {
    let exhibition: ExhibitionDoc | undefined;
    if (exhibitionId !== undefined) {
      exhibition = (await repository.findExhibitionById(exhibitionId)) ?? undefined;
      if (!exhibition) throw notFound(`没有找到 id 为 ${exhibitionId} 的展览（exhibitionId）。`);
    } else {
      const day = shanghaiDay(now());
      exhibition = inVisitOrder(await repository.listExhibitions(), day).find(
        (doc) => statusOn(doc, day) === 'current',
      );
      if (!exhibition) return repository.findArtworkByNumber(number);
    }
    const work = exhibition.works.find((candidate) => candidate.number === number);
    return work ? repository.findArtworkById(work.artworkId) : null;
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
      async byNumber({ number, exhibitionId }) {
        const doc = await findByLabel(number, exhibitionId);
        if (!doc) {
          throw notFound(
            exhibitionId
              ? `展览 ${exhibitionId} 里没有展签编号（number）为 ${number} 的作品。`
              : `没有找到展签编号（number）为 ${number} 的作品。`,
          );
        }
        return toArtwork(doc, mediaUrl);
      },
      artists: listArtists,
    },
    deps.logError,
  );
}
