import type { AnswerOf, Favorites } from '../../miniprogram/types/api';
import { invalidArgument, notFound, permissionDenied } from '../domain/errors';
import { isOpenid } from '../domain/identity';
import type { CatalogueRepository, VisitorRecord, VisitorRepository } from '../repository/types';
import { defineFunction } from './dispatch';
import { visitorsFavoriteEventSchema, visitorsFavoritesEventSchema } from './visitors-events';

/** PRODUCT.md: at most this many favourites per user. */
export const MAX_FAVORITES = 500;

export interface VisitorsDeps {
  /** The catalogue, to accept favourites of published works only. */
  repository: CatalogueRepository;
  visitors: VisitorRepository;
  /**
   * The caller's OPENID from main's context: on CloudBase `cloud.getWXContext().OPENID`, on the
   * local host the X-WX-OPENID header. Undefined when the caller has no identity.
   */
  identify: (context: unknown) => string | undefined;
  /** The clock favourites are dated with (tests set it). */
  now?: () => number;
  logError?: (error: unknown) => void;
}

export type VisitorsResult = AnswerOf<'visitors'>;

/** The `visitors` function: what one WeChat user keeps, read and written only by that user. */
export function createVisitorsMain(deps: VisitorsDeps) {
  const { repository, visitors } = deps;
  const now = deps.now ?? Date.now;
  /** Each user's changes in turn, so two quick taps cannot lose one another's write. */
  const pending = new Map<string, Promise<unknown>>();

  function callerOf(context: unknown): string {
    const openid = deps.identify(context);
    if (!isOpenid(openid))
      throw permissionDenied('没有识别到微信用户身份（openid），无法读写收藏。');
    return openid;
  }

  function inTurn<T>(openid: string, task: () => Promise<T>): Promise<T> {
    const previous = pending.get(openid) ?? Promise.resolve();
    const next = previous.then(task);
    const settled = next.catch(() => undefined);
    pending.set(openid, settled);
    void settled.then(() => {
      if (pending.get(openid) === settled) pending.delete(openid);
    });
    return next;
  }

  /** Ids of works still published, newest first; a work unpublished since is kept but not shown. */
  async function visible(record: VisitorRecord | null): Promise<Favorites> {
    const ids = record?.favorites.map((entry) => entry.artworkId) ?? [];
    if (ids.length === 0) return { items: [] };
    const published = new Set((await repository.findArtworkSummaries(ids)).map((doc) => doc.id));
    return { items: ids.filter((id) => published.has(id)) };
  }

  return defineFunction(
    'visitors',
    { favorites: visitorsFavoritesEventSchema, favorite: visitorsFavoriteEventSchema },
    {
      async favorites(_event, context) {
        return visible(await visitors.findVisitor(callerOf(context)));
      },
      async favorite({ artworkId, on }, context) {
        const openid = callerOf(context);
        return inTurn(openid, async () => {
          const record = await visitors.findVisitor(openid);
          const favorites = record?.favorites ?? [];
          const present = favorites.some((entry) => entry.artworkId === artworkId);
          if (on) {
            const [work] = await repository.findArtworkSummaries([artworkId]);
            if (!work) throw notFound(`没有找到 id 为 ${artworkId} 的作品，无法收藏。`);
            // Favouriting again keeps the work where it was: a second tap is not a new favourite.
            if (present) return visible(record);
            if (favorites.length >= MAX_FAVORITES) {
              throw invalidArgument(
                `参数 artworkId 无法收藏：最多收藏 ${MAX_FAVORITES} 件作品，请先取消一些收藏。`,
              );
            }
          } else if (!present) {
            return visible(record);
          }
          const at = new Date(now()).toISOString();
          const next: VisitorRecord = {
            _id: openid,
            favorites: on
              ? [{ artworkId, at }, ...favorites]
              : favorites.filter((entry) => entry.artworkId !== artworkId),
            updatedAt: at,
          };
          await visitors.saveVisitor(next);
          return visible(next);
        });
      },
    },
    deps.logError,
  );
}
