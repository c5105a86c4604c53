import type { AnswerOf } from '../../miniprogram/types/api';
import { liveStatus, orderLives, toLive, type LiveDoc, type MediaUrl } from '../domain/catalogue';
import { invalidArgument, notFound, permissionDenied } from '../domain/errors';
import { isOpenid } from '../domain/identity';
import { sourceMadeFromLive } from '../domain/synced-replays';
import {
  reminderId,
  type LiveStateRepository,
  type ReplaySourceRecord,
} from '../repository/live-state';
import type { CatalogueRepository } from '../repository/types';
import { defineFunction } from './dispatch';
import { livesListEventSchema, livesRemindEventSchema } from './lives-events';

export interface LivesDeps {
  repository: CatalogueRepository;
  state: LiveStateRepository;
  mediaUrl: MediaUrl;
  /** The caller's OPENID (CloudBase: getWXContext; the local host: X-WX-OPENID), if any. */
  identify: (context: unknown) => string | undefined;
  /** The clock a live's status is read on (tests set it). */
  now?: () => number;
  logError?: (error: unknown) => void;
}

export type LivesResult = AnswerOf<'lives'>;

/** The `lives` function: live tours coming, on now and past, and reminders of the coming ones. */
export function createLivesMain(deps: LivesDeps) {
  const { repository, state, mediaUrl } = deps;
  const now = deps.now ?? Date.now;

  /**
   * Replays a live may point at: published content replays, and the replay made from a live's
   * recording where staff named none (the same rule the replays function answers by).
   */
  async function visibleReplays(
    docs: LiveDoc[],
    sources: ReplaySourceRecord[],
  ): Promise<Set<string>> {
    const ids = [...new Set(docs.flatMap((doc) => (doc.replayId ? [doc.replayId] : [])))];
    const found = await Promise.all(
      ids.map(async (id) => ((await repository.findReplayById(id)) ? id : null)),
    );
    const made = docs.flatMap((doc) => sourceMadeFromLive(doc, sources)?._id ?? []);
    return new Set([...found.filter((id): id is string => id !== null), ...made]);
  }

  return defineFunction(
    'lives',
    { list: livesListEventSchema, remind: livesRemindEventSchema },
    {
      async list() {
        const [docs, sources] = await Promise.all([
          repository.listLives(),
          state.listReplaySources(),
        ]);
        const replays = await visibleReplays(docs, sources);
        const at = now();
        const withReplay = (doc: LiveDoc) => {
          const replayId = doc.replayId ?? sourceMadeFromLive(doc, sources)?._id;
          return replayId ? { ...doc, replayId } : doc;
        };
        return {
          items: orderLives(docs.map((doc) => toLive(withReplay(doc), mediaUrl, at, replays))),
        };
      },
      async remind({ id }, context) {
        const openid = deps.identify(context);
        if (!isOpenid(openid)) {
          throw permissionDenied('没有识别到微信用户身份（openid），无法预约直播提醒。');
        }
        const doc = await repository.findLiveById(id);
        if (!doc) throw notFound(`没有找到 id 为 ${id} 的直播。`);
        const status = liveStatus(doc, now());
        if (status === 'ended') {
          throw invalidArgument(`参数 id 无效：直播「${doc.title}」已经结束，不能再预约提醒。`);
        }
        if (status === 'live') {
          throw invalidArgument(`参数 id 无效：直播「${doc.title}」正在进行，请直接进入直播间。`);
        }
        await state.addReminder({
          _id: reminderId(id, openid),
          liveId: id,
          openid,
          createdAt: new Date(now()).toISOString(),
          state: 'pending',
        });
        return { reminded: true as const };
      },
    },
    deps.logError,
  );
}
