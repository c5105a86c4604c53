import { messageOf, isBackendError } from '../../services/backend';
import { artworks } from '../../services/artworks';
import { artworkPath, replayPath } from '../../utils/routes';
import { toArtworkView, type ArtworkView } from './view';

type Status = 'loading' | 'ready' | 'error';

type MomentTap = WechatMiniprogram.BaseEvent<
  WechatMiniprogram.IAnyObject,
  { replayId?: string; start?: number | string }
>;

Component({
  properties: {
    /** From the query: /pages/artwork/index?id=<id> (list, keypad, shared cards). */
    id: { type: String, value: '' },
    /** A wall label's code: ?number=<label number>, or a mini program code whose scene is the number. */
    number: { type: String, value: '' },
    scene: { type: String, value: '' },
  },

  data: {
    status: 'loading' as Status,
    errorMessage: '',
    view: null as ArtworkView | null,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const id = this.properties.id || decodeURIComponent(query.id ?? '');
      const number = labelNumberOf(
        this.properties.number || query.number || this.properties.scene || query.scene || '',
      );
      this.setData({ id, number });
      void this.load();
    },

    async load() {
      const { id, number } = this.properties;
      if (!id && !number) {
        this.setData({ status: 'error', errorMessage: '链接里缺少作品编号，请从藏品列表进入' });
        return;
      }
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        const artwork = id ? await artworks.get(id) : await artworks.byNumber(number);
        const view = toArtworkView(artwork);
        // Shares and retries then point at the artwork itself, whichever way the visitor came.
        this.setData({ status: 'ready', view, id: artwork.id });
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

    /** Opens the replay at the moment the curator talks about this work. */
    onMomentTap(event: MomentTap) {
      const { replayId, start } = event.currentTarget.dataset;
      if (replayId) wx.navigateTo({ url: replayPath(replayId, { t: Number(start) || 0 }) });
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

/** Label codes carry the number alone ("501") or as "n=501"; scenes arrive URI-encoded. */
function labelNumberOf(raw: string): string {
  const match = /(\d{1,8})$/.exec(decodeURIComponent(raw).trim());
  return match ? match[1] : '';
}
