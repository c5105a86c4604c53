import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { favoritesStore } from '../../stores/favorites';
import { playerStore } from '../../stores/player';
import { COLLECTION_PAGE, artworkPath } from '../../utils/routes';
import { openPage } from '../../utils/navigate';

type Tap = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id?: string }>;

ComponentWithStore({
  storeBindings: [
    {
      store: playerStore,
      fields: ['historyCards', 'playerId', 'isSounding'] as const,
      actions: [] as const,
    },
    {
      store: favoritesStore,
      fields: ['favoriteCards'] as const,
      actions: [] as const,
    },
  ],

  methods: {
    // The store keeps a failed sync to itself (the list stays as saved): it never rejects.
    onShow() {
      void favoritesStore.start();
    },

    onFavoriteTap(event: Tap) {
      const id = event.currentTarget.dataset.id;
      if (id) openPage(artworkPath(id));
    },

    /** One tap from sound: the artwork opens and plays from where the visitor stopped. */
    onEntryTap(event: Tap) {
      const id = event.currentTarget.dataset.id;
      if (!id) return;
      // Next and previous on the lock screen then walk the history in the order shown.
      playerStore.offerQueue(playerStore.history.map((entry) => entry.id));
      openPage(artworkPath(id, { autoplay: true }));
    },

    onClearTap() {
      wx.showModal({
        title: '清空收听记录',
        content: '清空后，已听过的作品和收听进度都不再保留。',
        confirmText: '清空',
        confirmColor: '#a23b2c',
        success: (result) => {
          if (result.confirm) playerStore.clearHistory();
        },
      });
    },

    onBrowseTap() {
      // The collection is a tab of app.json: switching to it fails only if app.json is wrong.
      wx.switchTab({ url: COLLECTION_PAGE, fail: () => undefined });
    },

    onShareAppMessage() {
      return { title: '蓬皮杜导览 · 现代艺术藏品', path: COLLECTION_PAGE };
    },
  },
});
