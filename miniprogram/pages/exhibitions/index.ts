import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { messageOf } from '../../services/backend';
import { exhibitionsStore, STATUS_LABELS } from '../../stores/exhibitions';
import { offlineStore, packView } from '../../stores/offline';
import type { ExhibitionSummary } from '../../types/api';
import { formatDate, formatDuration } from '../../utils/format';
import { openPage } from '../../utils/navigate';

type Tap = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id?: string }>;

/** What one exhibition card renders. */
export interface ExhibitionCard {
  id: string;
  title: string;
  place: string;
  dates: string;
  status: ExhibitionSummary['status'];
  statusLabel: string;
  cover: string;
  works: string;
}

export function toCard(item: ExhibitionSummary): ExhibitionCard {
  return {
    id: item.id,
    title: item.title,
    place: `${item.city} · ${item.venue}`,
    dates: `${formatDate(item.startDate)} – ${formatDate(item.endDate)}`,
    status: item.status,
    statusLabel: STATUS_LABELS[item.status],
    cover: item.cover.url,
    works: `${item.workCount} 件作品`,
  };
}

ComponentWithStore({
  storeBindings: {
    store: exhibitionsStore,
    fields: {
      cards: () => exhibitionsStore.items.map(toCard),
      selectedId: () => exhibitionsStore.selectedId,
      notice: () => exhibitionsStore.selected?.notice ?? '',
      hasPlan: () => Boolean(exhibitionsStore.selected?.map),
      tours: () =>
        (exhibitionsStore.selected?.tours ?? []).map((tour) => ({
          id: tour.id,
          title: tour.title,
          meta: `${tour.stops.length} 站 · ${formatDuration(tour.duration)}`,
        })),
      pack: () => packView(offlineStore, exhibitionsStore.selectedId),
      offline: () => exhibitionsStore.offline,
      status: () => exhibitionsStore.status,
      errorMessage: () => exhibitionsStore.errorMessage,
    },
    actions: [] as const,
  },

  data: { choosing: '', chooseError: '' },

  methods: {
    // The store keeps a failure in its state (status, errorMessage): it never rejects.
    onLoad() {
      const started =
        exhibitionsStore.status === 'idle'
          ? exhibitionsStore.start()
          : exhibitionsStore.status === 'error'
            ? exhibitionsStore.load()
            : Promise.resolve();
      // The pack's size before any download, and whether a newer one is there (never rejects).
      void started.then(() => this.checkPack());
    },

    checkPack() {
      const id = exhibitionsStore.selectedId;
      if (id && !offlineStore.job) void offlineStore.check(id);
    },

    /** Taps inside the offline row stay there: the card around it would switch exhibitions. */
    onNothing() {
      return undefined;
    },

    onPackDownload() {
      void offlineStore.download(exhibitionsStore.selectedId);
    },

    onPackPause() {
      offlineStore.pause();
    },

    onPackRemove() {
      const id = exhibitionsStore.selectedId;
      wx.showModal({
        title: '删除离线包？',
        content: '删除后，这个展览的讲解和图片要在有网络时才能打开。',
        confirmText: '删除',
        confirmColor: '#a23b2c',
        success: (result) => {
          if (result.confirm) offlineStore.remove(id);
        },
      });
    },

    onTourTap(event: Tap) {
      const id = event.currentTarget.dataset.id;
      if (id) openPage(`/pages/tour/index?id=${encodeURIComponent(id)}`);
    },

    onOpenPlan() {
      openPage('/pages/plan/index');
    },

    onRetry() {
      void exhibitionsStore.load();
    },

    async onCardTap(event: Tap) {
      const id = event.currentTarget.dataset.id ?? '';
      if (!id || this.data.choosing) return;
      if (id === exhibitionsStore.selectedId) {
        wx.navigateBack({ fail: () => undefined });
        return;
      }
      this.setData({ choosing: id, chooseError: '' });
      try {
        await exhibitionsStore.choose(id);
        this.setData({ choosing: '' });
        this.checkPack();
        wx.navigateBack({
          // Opened as the first page (a shared link): there is nothing to go back to.
          fail: () => undefined,
        });
      } catch (error) {
        this.setData({ choosing: '', chooseError: messageOf(error) });
      }
    },
  },
});
