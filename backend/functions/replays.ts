import type { AnswerOf } from '../../miniprogram/types/api';
import { holdsRight } from '../domain/access';
import {
  toReplay,
  toReplaySummary,
  type MediaUrl,
  type ReplayDoc,
  type ReplaySummaryDoc,
} from '../domain/catalogue';
import { notFound, permissionDenied, unavailable } from '../domain/errors';
import { isOpenid } from '../domain/identity';
import { formatPrice } from '../domain/prices';
import type { LiveStateRepository, ReplaySourceRecord } from '../repository/live-state';
import { decodeCursor, encodeCursor } from '../domain/paging';
import {
  playableEntry,
  replayFromLive,
  sourceMadeFromLive,
  withPlatformVideo,
} from '../domain/synced-replays';
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
  /** The clock fetched replay links are checked against (tests set it). */
  now?: () => number;
  logError?: (error: unknown) => void;
}

const DEFAULT_LIMIT = 10;

export type ReplaysResult = AnswerOf<'replays'>;

/** The `replays` cloud function: past livestream tours and their expiring video links. */
export function createReplaysMain(deps: ReplaysDeps) {
  const { repository, mediaUrl } = deps;
  const now = deps.now ?? Date.now;

  /** A paid replay is watched with the right to it, or to the live it was recorded from. */
  async function mayWatch(id: string, context: unknown): Promise<boolean> {
    const openid = deps.identify(context);
    if (!isOpenid(openid)) return false;
    return holdsRight({ repository, state: deps.state }, openid, 'replay', id);
  }

  /** Replays made from a published live's recording where staff wrote none (synced-replays.ts). */
  async function madeFromLives(): Promise<ReplayDoc[]> {
    const [lives, sources] = await Promise.all([
      repository.listLives(),
      deps.state.listReplaySources(),
    ]);
    const made = lives.flatMap((live) => {
      const source = sourceMadeFromLive(live, sources);
      return source ? [replayFromLive(live, source)] : [];
    });
    // A content replay of the same id is that replay; it is listed by the catalogue already.
    const content = await Promise.all(made.map((doc) => repository.findReplayById(doc.id)));
    return made.filter((_, index) => !content[index]);
  }

  async function madeFromLive(source: ReplaySourceRecord): Promise<ReplayDoc | null> {
    const live = await repository.findLiveById(source.liveId);
    return live && sourceMadeFromLive(live, [source]) ? replayFromLive(live, source) : null;
  }

  return defineFunction(
    'replays',
    { list: replaysListEventSchema, get: replaysGetEventSchema },
    {
      async list({ cursor, limit = DEFAULT_LIMIT }) {
        const after = cursor === undefined ? undefined : decodeCursor(cursor, 'r1');
        const [{ docs, total }, made] = await Promise.all([
          repository.listReplays({ afterSortKey: after, limit: limit + 1 }),
          madeFromLives(),
        ]);
        // The catalogue's next limit + 1 and every made-up replay after the cursor, in one order:
        // what the catalogue did not send sorts after all it sent, so the page is exact.
        const merged: ReplaySummaryDoc[] = [
          ...docs,
          ...made.filter((doc) => after === undefined || doc.sortKey > after),
        ].sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
        const page = merged.slice(0, limit);
        const last = page[page.length - 1];
        const nextCursor = merged.length > limit && last ? encodeCursor(last.sortKey, 'r1') : null;
        return {
          items: page.map((doc) => toReplaySummary(doc, mediaUrl)),
          nextCursor,
          total: total + made.length,
        };
      },
      async get({ id }, context) {
        const [content, source] = await Promise.all([
          repository.findReplayById(id),
          deps.state.findReplaySource(id),
        ]);
        const doc = content ?? (source ? await madeFromLive(source) : null);
        if (!doc) throw notFound(`没有找到 id 为 ${id} 的直播回放。`);
        if (doc.access?.paid && !(await mayWatch(id, context))) {
          throw permissionDenied(
            `回放「${doc.title}」是付费内容：购买（${formatPrice(doc.access.price)}）后即可观看。`,
          );
        }
        const ids = [...new Set(doc.chapters.flatMap((chapter) => chapter.artworkIds))];
        if (source) {
          const entry = playableEntry(source, now());
          if (!entry) {
            throw unavailable(
              `回放「${doc.title}」的视频链接（video.url）已过期，正在刷新，请稍后再试。`,
            );
          }
          const artworks = await repository.findArtworkSummaries(ids);
          return toReplay(withPlatformVideo(doc), mediaUrl, { ...entry, format: 'hls' }, artworks);
        }
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
