import { messageOf, isBackendError } from '../../services/backend';
import { artworks } from '../../services/artworks';
import { artworkPath } from '../../utils/routes';
import { toArtworkView, type ArtworkView } from './view';

type Status = 'loading' | 'ready' | 'error';

Component({
  properties: {
    /** From the query: /pages/artwork/index?id=<id> (list, keypad, shared cards, label codes). */
    id: { type: String, value: '' },
  },

  data: {
    status: 'loading' as Status,
    errorMessage: '',
    view: null as ArtworkView | null,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const id = this.properties.id || decodeURIComponent(query.id ?? '');
      if (id !== this.properties.id) this.setData({ id });
      void this.load();
    },

    async load() {
      const id = this.properties.id;
      if (!id) {
        this.setData({ status: 'error', errorMessage: '链接里缺少作品编号，请从藏品列表进入' });
        return;
      }
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        const view = toArtworkView(await artworks.get(id));
        this.setData({ status: 'ready', view });
        wx.setNavigationBarTitle({ title: view.title });
      } catch (error) {
        const gone = isBackendError(error) && error.code === 'NOT_FOUND';
        this.setData({
          status: 'error',
          errorMessage: gone ? '这件作品不存在或暂未展出' : messageOf(error),
        });
      }
    },

    onRetry() {
      void this.load();
    },

    onImageTap() {
      const view = this.data.view;
      if (view) wx.previewImage({ urls: [view.image], current: view.image });
    },

    onShareAppMessage() {
      const view = this.data.view;
      return {
        title: view ? `${view.title} · ${view.artist}` : '蓬皮杜导览',
        path: artworkPath(this.properties.id),
      };
    },
  },
});
