import type {
  AnswerOf,
  Exhibition,
  ExhibitionPack,
  ExhibitionSummary,
  Tour,
} from '../../miniprogram/types/api';
import type { ArtworkDoc, ArtworkSummaryDoc, ExhibitionDoc, MediaUrl } from '../domain/catalogue';
import { notFound } from '../domain/errors';
import { inVisitOrder, shanghaiDay, statusOn } from '../domain/exhibitions';
import { buildPack, type BuiltPack } from '../domain/packs';
import type { CatalogueRepository } from '../repository/types';
import { defineFunction } from './dispatch';
import {
  exhibitionsGetEventSchema,
  exhibitionsListEventSchema,
  exhibitionsPackEventSchema,
} from './exhibitions-events';

export interface ExhibitionsDeps {
  repository: CatalogueRepository;
  mediaUrl: MediaUrl;
  /** The clock statuses are computed on (tests set it). */
  now?: () => number;
  logError?: (error: unknown) => void;
}

export type ExhibitionsResult = AnswerOf<'exhibitions'>;

/** The `exhibitions` function: where the works can be seen now, with tours and floor plans. */
export function createExhibitionsMain(deps: ExhibitionsDeps) {
  const { repository, mediaUrl } = deps;
  const now = deps.now ?? Date.now;

  /** The published works among these ids, by id: an unpublished one is left out everywhere. */
  async function publishedWorks(ids: string[]): Promise<Map<string, ArtworkSummaryDoc>> {
    const docs = await repository.findArtworkSummaries([...new Set(ids)]);
    return new Map(docs.map((doc) => [doc.id, doc]));
  }

  function summaryOf(
    doc: ExhibitionDoc,
    day: string,
    works: Map<string, ArtworkSummaryDoc>,
  ): ExhibitionSummary {
    return { ...summaryWithoutStatus(doc, works, mediaUrl), status: statusOn(doc, day) };
  }

  return defineFunction(
    'exhibitions',
    {
      list: exhibitionsListEventSchema,
      get: exhibitionsGetEventSchema,
      pack: exhibitionsPackEventSchema,
    },
    {
      async list() {
        const day = shanghaiDay(now());
        const docs = inVisitOrder(await repository.listExhibitions(), day);
        const works = await publishedWorks(
          docs.flatMap((doc) => doc.works.map((work) => work.artworkId)),
        );
        return { items: docs.map((doc) => summaryOf(doc, day, works)) };
      },
      async get({ id }): Promise<Exhibition> {
        const doc = await repository.findExhibitionById(id);
        if (!doc) throw notFound(`没有找到 id 为 ${id} 的展览。`);
        const works = await publishedWorks(doc.works.map((work) => work.artworkId));
        return {
          ...exhibitionOf(doc, works, mediaUrl),
          status: statusOn(doc, shanghaiDay(now())),
        };
      },
      async pack({ id }): Promise<ExhibitionPack> {
        const pack = await packOf(repository, id);
        return {
          id,
          version: pack.version,
          totalBytes: pack.totalBytes,
          files: pack.files.map((file) => ({
            url: mediaUrl(file.path),
            bytes: file.bytes,
            sha256: file.sha256,
            kind: file.kind,
          })),
        };
      },
    },
    deps.logError,
  );
}

function summaryWithoutStatus(
  doc: ExhibitionDoc,
  works: Map<string, ArtworkSummaryDoc>,
  mediaUrl: MediaUrl,
): Omit<ExhibitionSummary, 'status'> {
  return {
    id: doc.id,
    title: doc.title,
    venue: doc.venue,
    city: doc.city,
    startDate: doc.startDate,
    endDate: doc.endDate,
    cover: { url: mediaUrl(doc.cover.path), width: doc.cover.width, height: doc.cover.height },
    workCount: doc.works.filter((work) => works.has(work.artworkId)).length,
  };
}

/** The answer of `get` but its status (a day-dependent field the offline pack leaves out). */
function exhibitionOf(
  doc: ExhibitionDoc,
  works: Map<string, ArtworkSummaryDoc>,
  mediaUrl: MediaUrl,
): Omit<Exhibition, 'status'> {
  const tours: Tour[] = doc.tours
    .map((tour) => {
      const stops = tour.stops.filter((stop) => works.has(stop));
      const duration = stops.reduce(
        (sum, stop) => sum + (works.get(stop)?.audio?.duration ?? 0),
        0,
      );
      return { ...tour, stops, duration: Math.round(duration) };
    })
    .filter((tour) => tour.stops.length > 0);
  return {
    ...summaryWithoutStatus(doc, works, mediaUrl),
    description: doc.description,
    ...(doc.notice ? { notice: doc.notice } : {}),
    works: doc.works.filter((work) => works.has(work.artworkId)),
    tours,
    ...(doc.map
      ? {
          map: {
            image: mediaUrl(doc.map.image.path),
            width: doc.map.image.width,
            height: doc.map.image.height,
            pins: doc.map.pins.filter((pin) => works.has(pin.artworkId)),
          },
        }
      : {}),
  };
}

/**
 * The offline pack of exhibition `id` as the repository holds it now: the function lists it, the
 * local host serves its data file, the CloudBase export writes that file for upload.
 */
export async function packOf(repository: CatalogueRepository, id: string): Promise<BuiltPack> {
  const doc = await repository.findExhibitionById(id);
  if (!doc) throw notFound(`没有找到 id 为 ${id} 的展览。`);
  return packFromDocs(doc, await repository.findArtworks(doc.works.map((work) => work.artworkId)));
}

/** The pack of `doc` given its published works' full records (any others are ignored). */
export function packFromDocs(doc: ExhibitionDoc, works: ArtworkDoc[]): BuiltPack {
  const published = new Map<string, ArtworkSummaryDoc>(
    works.filter((work) => work.published).map((work) => [work.id, work]),
  );
  const shown = works.filter((work) => published.has(work.id));
  return buildPack(
    exhibitionOf(doc, published, (path) => path),
    doc,
    shown,
  );
}
