import { isBackendError, messageOf } from '../../services/backend';
import { playerStore } from '../../stores/player';
import { pauseBackgroundAudio, registerVideo } from '../../services/media-focus';
import {
  clearReplayPosition,
  readReplayPosition,
  replays,
  saveReplayPosition,
} from '../../services/replays';
import type { Replay } from '../../types/api';
import { offerOf, purchase } from '../../services/payments';
import { formatClock, formatPrice } from '../../utils/format';
import { decodeParam } from '../../utils/entry';
import { artworkPath, replayPath } from '../../utils/routes';
import { openPage } from '../../utils/navigate';
import { enableSharing, shareImage } from '../../utils/share';
import { chapterIndexAt, stripFor, toReplayView, type ReplayView, type StripItem } from './view';

type Status = 'loading' | 'ready' | 'error' | 'paid';

/** What the purchase panel shows in place of the video of a paid replay. */
interface OfferView {
  title: string;
  price: string;
  development: boolean;
  /** The backend's own sentence: what it costs and that buying opens it. */
  message: string;
}

type Tap = WechatMiniprogram.BaseEvent<
  WechatMiniprogram.IAnyObject,
  { index?: number | string; id?: string }
>;

interface TimeUpdate {
  detail: { currentTime: number; duration?: number };
}

const VIDEO_ID = 'replay-video';
/** timeupdate fires about 4 times a second; the position reaches storage at most this often. */
const SAVE_EVERY_MS = 5000;
/** A replay stopped this close to its end starts over next time. */
const RESUME_END_MARGIN_S = 10;
/** A link this close to expiry is renewed when the page shows, before it can fail. */
const EXPIRY_MARGIN_MS = 60 * 1000;
/** A fresh link failing again this soon is not an expiry: say so instead of asking forever. */
const RENEW_COOLDOWN_MS = 10 * 1000;

/** What playback needs but the view never renders: kept off `data`, so ticks cost no setData. */
interface Playback {
  replay: Replay;
  /** Seconds, from the latest timeupdate, chapter tap or seek. */
  position: number;
  savedAt: number;
  playing: boolean;
  renewing: boolean;
  renewedAt: number;
}

const playbacks = new WeakMap<object, Playback>();
const focusReleases = new WeakMap<object, () => void>();

function releaseFocus(page: object): void {
  focusReleases.get(page)?.();
  focusReleases.delete(page);
}

Component({
  properties: {
    /** From the query: /pages/replay/index?id=<id>[&t=<seconds>][&chapter=<index>]. */
    id: { type: String, value: '' },
    /** Start here, in seconds (from an artwork's "watch this moment"); wins over a saved position. */
    t: { type: String, value: '' },
    /** Start at this chapter (from a shared card). */
    chapter: { type: String, value: '' },
  },

  data: {
    status: 'loading' as Status,
    errorMessage: '',
    view: null as ReplayView | null,
    videoUrl: '',
    initialTime: 0,
    autoplay: false,
    /** "mm:ss" when playback resumed where the visitor stopped last time. */
    resumedAt: '',
    videoError: '',
    videoPlaying: false,
    /** Index of the chapter playing, -1 before the first. */
    current: -1,
    strip: [] as StripItem[],
    offer: null as OfferView | null,
    buying: false,
  },

  lifetimes: {
    detached() {
      releaseFocus(this);
      playbacks.delete(this);
    },
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      enableSharing();
      this.setData({
        id: this.properties.id || decodeParam(query.id ?? ''),
        t: this.properties.t || query.t || '',
        chapter: this.properties.chapter || query.chapter || '',
      });
      // load() and renew() show their own failures on the page: nothing is left to reject.
      void this.load();
    },

    onShow() {
      if (!focusReleases.has(this)) {
        focusReleases.set(
          this,
          registerVideo(() => this.videoContext().pause()),
        );
      }
      const playback = playbacks.get(this);
      if (playback && playback.replay.video.expiresAt - Date.now() < EXPIRY_MARGIN_MS) {
        void this.renew(true);
      }
    },

    onHide() {
      this.savePosition();
      releaseFocus(this);
    },

    onUnload() {
      this.savePosition();
      releaseFocus(this);
    },

    async load() {
      const { id } = this.properties;
      if (!id) {
        this.setData({ status: 'error', errorMessage: '链接里缺少回放编号，请从回放列表进入' });
        return;
      }
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        const replay = await replays.get(id);
        const start = this.startPosition(replay);
        const current = chapterIndexAt(replay.chapters, start.seconds);
        playbacks.set(this, {
          replay,
          position: start.seconds,
          savedAt: Date.now(),
          playing: false,
          renewing: false,
          renewedAt: 0,
        });
        this.setData({
          status: 'ready',
          view: toReplayView(replay),
          videoUrl: replay.video.url,
          initialTime: start.seconds,
          autoplay: start.from === 'moment',
          resumedAt: start.from === 'saved' ? formatClock(start.seconds) : '',
          videoError: '',
          videoPlaying: false,
          current,
          strip: stripFor(replay, current),
        });
      } catch (error) {
        if (isBackendError(error) && error.code === 'PERMISSION_DENIED') {
          await this.showOffer(id, error.detail);
          return;
        }
        const gone = isBackendError(error) && error.code === 'NOT_FOUND';
        this.setData({
          status: 'error',
          errorMessage: gone ? '这场回放不存在或已下线' : messageOf(error),
        });
      }
    },

    /** `t` from the link, else the chapter of a shared card, else where the visitor stopped. */
    startPosition(replay: Replay): {
      seconds: number;
      from: 'moment' | 'chapter' | 'saved' | 'start';
    } {
      const length = replay.video.duration > 0 ? replay.video.duration : Infinity;
      const within = (seconds: number) => Math.min(seconds, Math.max(0, length - 1));
      const t = this.properties.t.trim() === '' ? NaN : Number(this.properties.t);
      if (Number.isFinite(t) && t >= 0) return { seconds: within(t), from: 'moment' };
      const index = /^\d+$/.test(this.properties.chapter) ? Number(this.properties.chapter) : -1;
      const chapter = replay.chapters[index];
      if (chapter) return { seconds: within(chapter.start), from: 'chapter' };
      const saved = readReplayPosition(replay.id);
      if (saved !== undefined && saved < length - RESUME_END_MARGIN_S) {
        return { seconds: saved, from: 'saved' };
      }
      return { seconds: 0, from: 'start' };
    },

    videoContext(): WechatMiniprogram.VideoContext {
      return wx.createVideoContext(VIDEO_ID, this);
    },

    onRetry() {
      void this.load();
    },

    /** A paid replay the visitor has no right to: the offer takes the video's place. */
    async showOffer(id: string, message: string) {
      try {
        const offer = await offerOf('replay', id);
        this.setData({
          status: 'paid',
          offer: {
            title: offer.title,
            price: formatPrice(offer.price),
            development: offer.development,
            message,
          },
        });
      } catch (error) {
        this.setData({ status: 'error', errorMessage: messageOf(error) });
      }
    },

    async onBuy() {
      const { id } = this.properties;
      if (!id || this.data.buying) return;
      this.setData({ buying: true });
      try {
        const offer = await offerOf('replay', id);
        const result = offer.owned ? ({ kind: 'owned' } as const) : await purchase(offer);
        if (result.kind === 'owned') {
          void wx.showToast({ title: '购买成功', icon: 'success' });
          await this.load();
        } else if (result.kind === 'pending') {
          void wx.showModal({
            title: '支付已完成',
            content: '微信支付的结果还在路上，稍等片刻再点「重新加载」。',
            showCancel: false,
          });
        } else if (result.kind === 'failed') {
          void wx.showModal({ title: '没有买成', content: result.message, showCancel: false });
        }
      } catch (error) {
        void wx.showToast({ title: messageOf(error), icon: 'none' });
      } finally {
        this.setData({ buying: false });
      }
    },

    onVideoPlay() {
      const playback = playbacks.get(this);
      if (playback) playback.playing = true;
      this.showPlaying(true);
      pauseBackgroundAudio();
    },

    onVideoPause() {
      const playback = playbacks.get(this);
      if (playback) playback.playing = false;
      this.showPlaying(false);
      this.savePosition();
    },

    /** 正在播放 is said of a chapter only while the video really plays. */
    showPlaying(playing: boolean) {
      if (this.data.videoPlaying !== playing) this.setData({ videoPlaying: playing });
    },

    onVideoEnded() {
      const playback = playbacks.get(this);
      if (!playback) return;
      this.showPlaying(false);
      playback.playing = false;
      playback.position = 0;
      playback.savedAt = Date.now();
      clearReplayPosition(playback.replay.id);
    },

    /** ~4 times a second: remember the position; setData only when the chapter changes. */
    onTimeUpdate(event: TimeUpdate) {
      const playback = playbacks.get(this);
      const seconds = event.detail.currentTime;
      if (!playback || !Number.isFinite(seconds)) return;
      playback.position = seconds;
      this.showChapter(chapterIndexAt(playback.replay.chapters, seconds));
      if (Date.now() - playback.savedAt >= SAVE_EVERY_MS) this.savePosition();
    },

    /** The link expired (or the network dropped): fetch a fresh one and carry on where it stopped. */
    onVideoError() {
      void this.renew(false);
    },

    onVideoRetry() {
      void this.renew(true);
    },

    onChapterTap(event: Tap) {
      const playback = playbacks.get(this);
      const index = Number(event.currentTarget.dataset.index);
      const chapter = playback?.replay.chapters[index];
      if (!playback || !chapter) return;
      playback.position = chapter.start;
      this.showChapter(index);
      const video = this.videoContext();
      video.seek(chapter.start);
      video.play();
    },

    /** The strip leads to the artwork's audio guide; the video waits where it was. */
    onArtworkTap(event: Tap) {
      const id = event.currentTarget.dataset.id;
      if (!id) return;
      this.videoContext().pause();
      this.savePosition();
      // The lock screen's next/previous then walk the works of this chapter.
      playerStore.offerQueue(this.data.strip.map((item) => item.id));
      openPage(artworkPath(id));
    },

    showChapter(index: number) {
      const playback = playbacks.get(this);
      if (!playback || index === this.data.current) return;
      this.setData({ current: index, strip: stripFor(playback.replay, index) });
    },

    savePosition() {
      const playback = playbacks.get(this);
      if (!playback) return;
      playback.savedAt = Date.now();
      saveReplayPosition(playback.replay.id, playback.position);
    },

    async renew(force: boolean) {
      const playback = playbacks.get(this);
      if (!playback || playback.renewing) return;
      if (!force && Date.now() - playback.renewedAt < RENEW_COOLDOWN_MS) {
        this.setData({ videoError: '视频暂时无法播放，请检查网络后重试' });
        return;
      }
      playback.renewing = true;
      const resume = playback.playing;
      try {
        const fresh = await replays.get(playback.replay.id);
        // Chapters and works stay as shown; only the link (and its expiry) is new.
        playback.replay = { ...playback.replay, video: fresh.video };
        playback.renewedAt = Date.now();
        const position = playback.position;
        this.setData({ videoUrl: fresh.video.url, initialTime: position, videoError: '' }, () => {
          const video = this.videoContext();
          video.seek(position);
          if (resume) video.play();
        });
      } catch (error) {
        this.setData({ videoError: `视频链接更新失败：${messageOf(error)}` });
      } finally {
        playback.renewing = false;
      }
    },

    /** Shares the chapter on screen: the friend starts where the visitor is. */
    onShareAppMessage() {
      const view = this.data.view;
      const current = this.data.current;
      const chapter = view && current >= 0 ? view.chapters[current] : undefined;
      return {
        title: view ? (chapter ? `${view.title} · ${chapter.title}` : view.title) : '蓬皮杜导览',
        path: replayPath(this.properties.id, chapter ? { chapter: current } : {}),
        ...shareImage(view?.poster),
      };
    },

    /** Moments open the page alone: the query carries everything it needs. */
    onShareTimeline() {
      const view = this.data.view;
      const current = this.data.current;
      const query = replayPath(this.properties.id, current >= 0 ? { chapter: current } : {});
      return {
        title: view ? `${view.title} | 直播回放` : '蓬皮杜导览',
        query: query.slice(query.indexOf('?') + 1),
        ...shareImage(view?.poster),
      };
    },
  },
});
