import type { AnswerOf, Exhibition, ExhibitionSummary, Tour } from '../../miniprogram/types/api';
import type { ArtworkSummaryDoc, ExhibitionDoc, MediaUrl } from '../domain/catalogue';
import { notFound } from '../domain/errors';
import { inVisitOrder, shanghaiDay, statusOn } from '../domain/exhibitions';
import type { CatalogueRepository } from '../repository/types';
import { defineFunction } from './dispatch';
import { exhibitionsGetEventSchema, exhibitionsListEventSchema } from './exhibitions-events';

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
    return {
      id: doc.id,
      title: doc.title,
      venue: doc.venue,
      city: doc.city,
      startDate: doc.startDate,
      endDate: doc.endDate,
      status: statusOn(doc, day),
      cover: { url: mediaUrl(doc.cover.path), width: doc.cover.width, height: doc.cover.height },
      workCount: doc.works.filter((work) => works.has(work.artworkId)).length,
    };
  }

  return defineFunction(
    'exhibitions',
    { list: exhibitionsListEventSchema, get: exhibitionsGetEventSchema },
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
          ...summaryOf(doc, shanghaiDay(now()), works),
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
      },
    },
    deps.logError,
  );
}
