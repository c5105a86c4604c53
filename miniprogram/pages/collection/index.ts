import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { collectionStore } from '../../stores/collection';
import { favoritesStore } from '../../stores/favorites';
import { playerStore } from '../../stores/player';
import { artworkPath } from '../../utils/routes';
import { openPage } from '../../utils/navigate';

type Tap = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id?: string }>;

/** Typing fires `change` per keystroke; wait for a pause before asking the backend. */
const SEARCH_DEBOUNCE_MS = 300;
const searchTimers = new WeakMap<object, ReturnType<typeof setTimeout>>();

function cancelPendingSearch(page: object): void {
  const timer = searchTimers.get(page);
  if (timer !== undefined) clearTimeout(timer);
  searchTimers.delete(page);
}

ComponentWithStore({
  storeBindings: {
    store: collectionStore,
    fields: [
      'cards',
      'chips',
      'selectedArtist',
      'status',
      'errorMessage',
      'total',
      'hasMore',
      'loadingMore',
      'loadMoreFailed',
    ] as const,
    actions: [] as const,
  },

  lifetimes: {
    detached() {
      cancelPendingSearch(this);
    },
  },

  methods: {
    /** ♡ on a card: kept on the phone at once, sent when the network allows (never rejects). */
    onHeartTap(event: Tap) {
      const card = collectionStore.cards.find((item) => item.id === event.currentTarget.dataset.id);
      if (!card) return;
      void favoritesStore.toggleCard({
        id: card.id,
        title: card.title,
        artist: card.artist,
        cover: card.thumb,
      });
    },

    // The store keeps every failure in its state (status, loadMoreFailed): its promises never reject.
    onLoad() {
      void collectionStore.start();
    },

    onPullDownRefresh() {
      void collectionStore.refresh().finally(() => wx.stopPullDownRefresh());
    },

    onReachBottom() {
      void collectionStore.loadMore();
    },

    onSearchChange(event: { detail: string }) {
      cancelPendingSearch(this);
      const query = event.detail;
      searchTimers.set(
        this,
        setTimeout(() => {
          searchTimers.delete(this);
          void collectionStore.search(query);
        }, SEARCH_DEBOUNCE_MS),
      );
    },

    onSearch(event: { detail: string }) {
      cancelPendingSearch(this);
      void collectionStore.search(event.detail);
    },

    onSearchClear() {
      cancelPendingSearch(this);
      void collectionStore.search('');
    },

    onChipTap(event: Tap) {
      void collectionStore.selectArtist(event.currentTarget.dataset.id ?? '');
    },

    onCardTap(event: Tap) {
      const id = event.currentTarget.dataset.id;
      if (!id) return;
      // The lock screen's next/previous then walk the list in the order the visitor sees it.
      playerStore.offerQueue(collectionStore.items.map((item) => item.id));
      openPage(artworkPath(id));
    },

    onRetry() {
      void collectionStore.retry();
    },

    onLoadMoreRetry() {
      void collectionStore.loadMore();
    },

    onShareAppMessage() {
      return { title: '蓬皮杜导览 · 现代艺术藏品', path: '/pages/collection/index' };
    },
  },
});
