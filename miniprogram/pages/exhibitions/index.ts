import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { messageOf } from '../../services/backend';
import { exhibitionsStore, STATUS_LABELS } from '../../stores/exhibitions';
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
      status: () => exhibitionsStore.status,
      errorMessage: () => exhibitionsStore.errorMessage,
    },
    actions: [] as const,
  },

  data: { choosing: '', chooseError: '' },

  methods: {
    // The store keeps a failure in its state (status, errorMessage): it never rejects.
    onLoad() {
      if (exhibitionsStore.status === 'idle') void exhibitionsStore.start();
      else if (exhibitionsStore.status === 'error') void exhibitionsStore.load();
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
