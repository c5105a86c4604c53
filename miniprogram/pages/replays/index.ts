import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { replaysStore } from '../../stores/replays';
import { REPLAYS_PAGE, replayPath } from '../../utils/routes';
import { openPage } from '../../utils/navigate';

type Tap = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id?: string }>;

ComponentWithStore({
  storeBindings: {
    store: replaysStore,
    fields: [
      'cards',
      'status',
      'errorMessage',
      'total',
      'hasMore',
      'loadingMore',
      'loadMoreFailed',
    ] as const,
    actions: [] as const,
  },

  methods: {
    // The store keeps every failure in its state (status, loadMoreFailed): its promises never reject.
    onLoad() {
      void replaysStore.start();
    },

    onPullDownRefresh() {
      void replaysStore.refresh().finally(() => wx.stopPullDownRefresh());
    },

    onReachBottom() {
      void replaysStore.loadMore();
    },

    onCardTap(event: Tap) {
      const id = event.currentTarget.dataset.id;
      if (id) openPage(replayPath(id));
    },

    onRetry() {
      void replaysStore.retry();
    },

    onLoadMoreRetry() {
      void replaysStore.loadMore();
    },

    onShareAppMessage() {
      return { title: '蓬皮杜导览 · 直播导览回放', path: REPLAYS_PAGE };
    },
  },
});
