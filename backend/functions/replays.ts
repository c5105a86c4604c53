import type { AnswerOf } from '../../miniprogram/types/api';
import { toReplay, toReplaySummary, type MediaUrl } from '../domain/catalogue';
import { notFound } from '../domain/errors';
import { decodeCursor, encodeCursor } from '../domain/paging';
import type { VideoLinker } from '../domain/video-links';
import type { CatalogueRepository } from '../repository/types';
import { defineFunction } from './dispatch';
import { replaysGetEventSchema, replaysListEventSchema } from './replays-events';

export interface ReplaysDeps {
  repository: CatalogueRepository;
  mediaUrl: MediaUrl;
  /** Makes the expiring `video.url` for a replay's file. */
  videoLink: VideoLinker;
  logError?: (error: unknown) => void;
}

const DEFAULT_LIMIT = 10;

export type ReplaysResult = AnswerOf<'replays'>;

/** The `replays` cloud function: past livestream tours and their expiring video links. */
export function createReplaysMain(deps: ReplaysDeps) {
  const { repository, mediaUrl } = deps;

  return defineFunction(
    'replays',
    { list: replaysListEventSchema, get: replaysGetEventSchema },
    {
      async list({ cursor, limit = DEFAULT_LIMIT }) {
        const { docs, total } = await repository.listReplays({
          afterSortKey: cursor === undefined ? undefined : decodeCursor(cursor, 'r1'),
          limit: limit + 1,
        });
        const page = docs.slice(0, limit);
        const last = page[page.length - 1];
        const nextCursor = docs.length > limit && last ? encodeCursor(last.sortKey, 'r1') : null;
        return { items: page.map((doc) => toReplaySummary(doc, mediaUrl)), nextCursor, total };
      },
      async get({ id }) {
        const doc = await repository.findReplayById(id);
        if (!doc) throw notFound(`没有找到 id 为 ${id} 的直播回放。`);
        const ids = [...new Set(doc.chapters.flatMap((chapter) => chapter.artworkIds))];
        const [link, artworks] = await Promise.all([
          deps.videoLink(doc.video.path),
          repository.findArtworkSummaries(ids),
        ]);
        return toReplay(doc, mediaUrl, link, artworks);
      },
    },
    deps.logError,
  );
}
