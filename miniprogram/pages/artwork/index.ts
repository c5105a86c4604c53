import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { messageOf, isBackendError } from '../../services/backend';
import { artworks } from '../../services/artworks';
import { PLAYBACK_RATES, playerStore, SKIP_SECONDS } from '../../stores/player';
import { bindClock, unbindClock } from '../../stores/player-clock';
import type { Artwork } from '../../types/api';
import { formatClock } from '../../utils/format';
import { decodeParam, labelNumberFromEntry } from '../../utils/entry';
import { artworkPath, replayPath } from '../../utils/routes';
import { enableSharing, shareImage } from '../../utils/share';
import { openPage } from '../../utils/navigate';
import { exhibitionsStore } from '../../stores/exhibitions';
import { favoritesStore } from '../../stores/favorites';
import { AUTOPLAY_SECONDS, tourStore, type NextStop } from '../../stores/tour';
import { toArtworkView, type ArtworkView } from './view';

type Status = 'loading' | 'ready' | 'error';

type MomentTap = WechatMiniprogram.BaseEvent<
  WechatMiniprogram.IAnyObject,
  { replayId?: string; start?: number | string }
>;

type DataTap = WechatMiniprogram.BaseEvent<
  WechatMiniprogram.IAnyObject,
  { index?: number | string; rate?: number | string }
>;

/** What the player shows for this work while another one (or none) is loaded. */
interface IdlePlayer {
  second: number;
  elapsed: string;
  remaining: string;
  note: string;
}

const RATE_OPTIONS = PLAYBACK_RATES.map((value) => ({ value, label: `${value}×` }));

/** The full artwork (with its narration) stays off `data`: the view renders `view` only. */
const loaded = new WeakMap<object, Artwork>();

/** The next stop's countdown timer, per page. */
const countdowns = new WeakMap<object, ReturnType<typeof setTimeout>>();

function stopCountdown(page: object): void {
  const timer = countdowns.get(page);
  if (timer !== undefined) clearTimeout(timer);
  countdowns.delete(page);
}

ComponentWithStore({
  properties: {
    /** From the query: /pages/artwork/index?id=<id> (list, keypad, shared cards). */
    id: { type: String, value: '' },
    /** A wall label's code: ?number=<label number>, or a mini program code whose scene is the number. */
    number: { type: String, value: '' },
    scene: { type: String, value: '' },
    /** A plain QR link registered for the mini program: the whole link, URL-encoded. */
    q: { type: String, value: '' },
    /** "1" starts the narration once the work is loaded (from 我的: resume in one tap). */
    autoplay: { type: String, value: '' },
  },

  storeBindings: {
    store: playerStore,
    // The player's slow fields; the clock is bound while the page is shown (onShow/onHide).
    fields: {
      playerId: 'playerId',
      playerStatus: 'status',
      playerError: 'errorMessage',
      statusLabel: 'statusLabel',
      sounding: 'isSounding',
      rate: 'rate',
      lockScreenControls: 'lockScreenControls',
    },
    actions: [] as const,
  },

  data: {
    status: 'loading' as Status,
    errorMessage: '',
    /** The exhibition a scanned label names (…/<exhibitionId>/<number>), if any. */
    labelExhibition: '',
    /** Trying again helps a network fault, not a missing or unreadable work. */
    canRetry: true,
    view: null as ArtworkView | null,
    /** The tour's next stop, shown once this stop's narration ends. */
    next: null as NextStop | null,
    /** Seconds before the next stop starts by itself (autoplay on); 0 when not counting. */
    countdown: 0,
    favorite: false,
    rates: RATE_OPTIONS,
    idle: { second: 0, elapsed: '00:00', remaining: '', note: '' } as IdlePlayer,
    second: 0,
    elapsedLabel: '00:00',
    remainingLabel: '',
    cueIndex: -1,
    /** While the visitor drags the slider, the second it was picked up at: ticks must not move it. */
    dragFrom: -1,
  },

  observers: {
    'playerStatus, playerId'(status: string, playerId: string) {
      if (status === 'ended' && playerId && playerId === this.data.id) this.offerNextStop();
      else if (this.data.next && status !== 'ended') this.clearNextStop();
    },
  },

  lifetimes: {
    detached() {
      stopCountdown(this);
      unbindClock(this);
      loaded.delete(this);
    },
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      enableSharing();
      const id = this.properties.id || decodeParam(query.id ?? '');
      const entry = labelNumberFromEntry({
        number: this.properties.number || query.number,
        scene: this.properties.scene || query.scene,
        q: this.properties.q || query.q,
      });
      const autoplay = this.properties.autoplay || query.autoplay || '';
      if (!id && 'error' in entry) {
        this.setData({ status: 'error', errorMessage: entry.error, canRetry: false });
        return;
      }
      this.setData({
        id,
        number: 'number' in entry ? entry.number : '',
        labelExhibition: ('number' in entry && entry.exhibitionId) || '',
        autoplay,
      });
      // load() shows its own failure on the page: nothing is left to reject.
      void this.load();
    },

    onShow() {
      bindClock(this, ['second', 'elapsedLabel', 'remainingLabel', 'cueIndex']);
      this.showIdlePlayer();
      // Back from 我的, where it may have been removed.
      if (this.data.id) this.setData({ favorite: favoritesStore.has(this.data.id) });
    },

    /** ♡: kept on the phone at once, sent to the backend when the network allows. */
    onFavoriteTap() {
      const artwork = loaded.get(this);
      if (!artwork) return;
      // The store keeps a failed send waiting for the next sync: it never rejects.
      void favoritesStore.toggle(artwork);
      this.setData({ favorite: favoritesStore.has(artwork.id) });
    },

    onHide() {
      unbindClock(this);
      // A countdown never starts a stop the visitor cannot see.
      if (this.data.countdown > 0) this.onCancelCountdown();
    },

    onUnload() {
      stopCountdown(this);
      unbindClock(this);
    },

    /** This stop has ended: the next one is announced, and counted down to with autoplay on. */
    offerNextStop() {
      const next = tourStore.nextAfter(this.data.id);
      if (!next || this.data.next?.artworkId === next.artworkId) return;
      this.setData({ next, countdown: 0 });
      if (tourStore.autoplay) this.countDown(AUTOPLAY_SECONDS);
    },

    countDown(seconds: number) {
      stopCountdown(this);
      if (seconds <= 0) {
        this.onNextStopTap();
        return;
      }
      this.setData({ countdown: seconds });
      countdowns.set(
        this,
        setTimeout(() => this.countDown(seconds - 1), tourStore.countdownTickMs),
      );
    },

    onCancelCountdown() {
      stopCountdown(this);
      this.setData({ countdown: 0 });
    },

    clearNextStop() {
      stopCountdown(this);
      this.setData({ next: null, countdown: 0 });
    },

    onNextStopTap() {
      const next = this.data.next;
      if (!next) return;
      this.clearNextStop();
      openPage(artworkPath(next.artworkId, { autoplay: true }));
    },

    /**
     * A label's number within the exhibition the label names, when there is such an exhibition
     * (the visitor is then in it: it becomes the chosen one), else within the chosen exhibition.
     */
    async findByLabel(number: string) {
      await exhibitionsStore.settled();
      const named = this.data.labelExhibition;
      const known =
        named &&
        (exhibitionsStore.items.some((item) => item.id === named) ||
          exhibitionsStore.selectedId === named);
      const exhibitionId = known ? named : exhibitionsStore.selectedId;
      const artwork = await artworks.byNumber(number, exhibitionId || undefined);
      if (known && named !== exhibitionsStore.selectedId) {
        await exhibitionsStore.choose(named).catch(() => undefined);
      }
      return artwork;
    },

    async load() {
      const { id, number } = this.properties;
      if (!id && !number) {
        this.setData({
          status: 'error',
          errorMessage: '链接里缺少作品编号，请从藏品列表进入',
          canRetry: false,
        });
        return;
      }
      this.setData({ status: 'loading', errorMessage: '', canRetry: true });
      try {
        const artwork = id ? await artworks.get(id) : await this.findByLabel(number);
        // Where it hangs depends on the exhibition chosen: wait for one being loaded at launch.
        await exhibitionsStore.settled();
        const view = toArtworkView(artwork, exhibitionsStore.whereItHangs(artwork.id));
        loaded.set(this, artwork);
        // Shares and retries then point at the artwork itself, whichever way the visitor came.
        this.setData({
          status: 'ready',
          view,
          id: artwork.id,
          favorite: favoritesStore.has(artwork.id),
        });
        this.showIdlePlayer();
        // A missing title leaves the default one: nothing worth telling the visitor.
        wx.setNavigationBarTitle({ title: view.title, fail: () => undefined });
        if (this.properties.autoplay === '1') {
          this.setData({ autoplay: '' });
          playerStore.play(artwork);
        }
      } catch (error) {
        const gone = isBackendError(error) && error.code === 'NOT_FOUND';
        this.setData({
          status: 'error',
          errorMessage: gone
            ? number && !id
              ? `没有编号为 ${number} 的作品，请核对展签上的编号`
              : '这件作品不存在或暂未展出'
            : messageOf(error),
          canRetry: !gone,
        });
      }
    },

    /** Where this work would resume, said before the visitor presses play. */
    showIdlePlayer() {
      const artwork = loaded.get(this);
      if (!artwork?.audio) return;
      const second = Math.floor(playerStore.resumePosition(artwork.id));
      const total = Math.round(artwork.audio.duration);
      const idle: IdlePlayer = {
        second,
        elapsed: formatClock(second),
        remaining: `-${formatClock(total - second)}`,
        note: second > 0 ? `上次听到 ${formatClock(second)}，轻触继续` : '轻触播放，收听语音导览',
      };
      const shown = this.data.idle;
      if (shown.second !== idle.second || shown.note !== idle.note) this.setData({ idle });
    },

    /** The player on this page drives the store only for this work. */
    isCurrent(): boolean {
      const artwork = loaded.get(this);
      return artwork !== undefined && playerStore.playerId === artwork.id;
    },

    onRetry() {
      void this.load();
    },

    onPlayTap() {
      const artwork = loaded.get(this);
      if (!artwork) return;
      if (this.isCurrent()) playerStore.toggle();
      else playerStore.play(artwork);
    },

    onBackTap() {
      if (this.isCurrent()) playerStore.skip(-SKIP_SECONDS);
    },

    onForwardTap() {
      if (this.isCurrent()) playerStore.skip(SKIP_SECONDS);
    },

    /** The slider is picked up: hold its bound value still, once, until it is let go. */
    onSeeking(event: { detail: { value: number } }) {
      if (this.data.dragFrom < 0) this.setData({ dragFrom: Number(event.detail.value) || 0 });
    },

    /** The slider lets go: jump there (and start, if this work was not playing). */
    onSeek(event: { detail: { value: number } }) {
      const artwork = loaded.get(this);
      const seconds = Number(event.detail.value);
      if (this.data.dragFrom >= 0) this.setData({ dragFrom: -1 });
      if (!artwork || !Number.isFinite(seconds)) return;
      if (this.isCurrent()) playerStore.seek(seconds);
      else playerStore.play(artwork, seconds);
    },

    onRateTap(event: DataTap) {
      playerStore.setRate(Number(event.currentTarget.dataset.rate));
    },

    /** A sentence of the transcript: the narration jumps to it. */
    onCueTap(event: DataTap) {
      const artwork = loaded.get(this);
      const index = Number(event.currentTarget.dataset.index);
      const cue = artwork?.transcript[index];
      if (!artwork || !cue) return;
      if (this.isCurrent()) playerStore.seekToCue(index);
      else playerStore.play(artwork, cue.start);
    },

    onPlayerRetry() {
      playerStore.retry();
    },

    onImageTap() {
      const view = this.data.view;
      if (!view) return;
      // Where the viewer cannot open, the picture stays on the page as it was.
      wx.previewImage({ urls: [view.image], current: view.image, fail: () => undefined });
    },

    /** Opens the replay at the moment the curator talks about this work. */
    onMomentTap(event: MomentTap) {
      const { replayId, start } = event.currentTarget.dataset;
      if (replayId) openPage(replayPath(replayId, { t: Number(start) || 0 }));
    },

    onShareAppMessage() {
      const view = this.data.view;
      return {
        title: view ? `${view.title} · ${view.artist}` : '蓬皮杜导览',
        path: artworkPath(this.properties.id),
        ...shareImage(view?.image),
      };
    },

    /** Moments: the page opens alone (no tab bar), so it needs only its own query. */
    onShareTimeline() {
      const view = this.data.view;
      return {
        title: view ? `${view.title} · ${view.artist} | 语音导览` : '蓬皮杜导览',
        query: `id=${encodeURIComponent(this.properties.id)}`,
        ...shareImage(view?.image),
      };
    },
  },
});
