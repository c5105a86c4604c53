import type { AnswerOf } from '../../miniprogram/types/api';
import { toReplay, toReplaySummary, type MediaUrl } from '../domain/catalogue';
import { notFound, permissionDenied } from '../domain/errors';
import { isOpenid } from '../domain/identity';
import { formatPrice } from '../domain/prices';
import type { LiveStateRepository } from '../repository/live-state';
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
  /** Rights bought for paid replays (and replays fetched from the live platform). */
  state: LiveStateRepository;
  /** The caller's OPENID (CloudBase: getWXContext; the local host: X-WX-OPENID), if any. */
  identify: (context: unknown) => string | undefined;
  logError?: (error: unknown) => void;
}

const DEFAULT_LIMIT = 10;

export type ReplaysResult = AnswerOf<'replays'>;

/** The `replays` cloud function: past livestream tours and their expiring video links. */
export function createReplaysMain(deps: ReplaysDeps) {
  const { repository, mediaUrl } = deps;

  /** A paid replay is watched with the right to it, or to the live it was recorded from. */
  async function mayWatch(id: string, context: unknown): Promise<boolean> {
    const openid = deps.identify(context);
    if (!isOpenid(openid)) return false;
    if (await deps.state.hasRight(openid, 'replay', id)) return true;
    const lives = await repository.listLives();
    const source = await deps.state.findReplaySource(id);
    const liveIds = new Set(lives.filter((live) => live.replayId === id).map((live) => live.id));
    if (source) liveIds.add(source.liveId);
    for (const liveId of liveIds) {
      if (await deps.state.hasRight(openid, 'live', liveId)) return true;
    }
    return false;
  }

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
      async get({ id }, context) {
        const doc = await repository.findReplayById(id);
        if (!doc) throw notFound(`没有找到 id 为 ${id} 的直播回放。`);
        if (doc.access?.paid && !(await mayWatch(id, context))) {
          throw permissionDenied(
            `回放「${doc.title}」是付费内容：购买（${formatPrice(doc.access.price)}）后即可观看。`,
          );
        }
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
