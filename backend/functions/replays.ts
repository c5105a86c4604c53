import type { Replay, ReplayListPage } from '../../miniprogram/types/api';
import { toReplay, toReplaySummary, type MediaUrl } from '../domain/catalogue';
import { envelopeMain, notFound } from '../domain/errors';
import { decodeCursor, encodeCursor } from '../domain/paging';
import type { VideoLinker } from '../domain/video-links';
import type { CatalogueRepository } from '../repository/types';
import { parseEvent } from './artworks-events';
import { replaysGetEventSchema, replaysListEventSchema } from './replays-events';

export interface ReplaysDeps {
  repository: CatalogueRepository;
  mediaUrl: MediaUrl;
  /** Makes the expiring `video.url` for a replay's file. */
  videoLink: VideoLinker;
  logError?: (error: unknown) => void;
}

const DEFAULT_LIMIT = 10;

const schemas = { list: replaysListEventSchema, get: replaysGetEventSchema };

export type ReplaysResult = ReplayListPage | Replay;

/** The `replays` cloud function: past livestream tours and their expiring video links. */
export function createReplaysMain(deps: ReplaysDeps) {
  const { repository, mediaUrl } = deps;

  async function handle(event: unknown): Promise<ReplaysResult> {
    const parsed = parseEvent(event, schemas);
    switch (parsed.action) {
      case 'list': {
        const { cursor, limit = DEFAULT_LIMIT } = parsed.input;
        const { docs, total } = await repository.listReplays({
          afterSortKey: cursor === undefined ? undefined : decodeCursor(cursor, 'r1'),
          limit: limit + 1,
        });
        const page = docs.slice(0, limit);
        const nextCursor =
          docs.length > limit ? encodeCursor(page[page.length - 1].sortKey, 'r1') : null;
        return { items: page.map((doc) => toReplaySummary(doc, mediaUrl)), nextCursor, total };
      }
      case 'get': {
        const doc = await repository.findReplayById(parsed.input.id);
        if (!doc) throw notFound(`没有找到 id 为 ${parsed.input.id} 的直播回放。`);
        const ids = [...new Set(doc.chapters.flatMap((chapter) => chapter.artworkIds))];
        const [link, artworks] = await Promise.all([
          deps.videoLink(doc.video.path),
          repository.findArtworkSummaries(ids),
        ]);
        return toReplay(doc, mediaUrl, link, artworks);
      }
    }
  }

  return envelopeMain<ReplaysResult>(handle, deps.logError);
}
