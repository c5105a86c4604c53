import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { artworks } from '../../services/artworks';
import { messageOf } from '../../services/backend';
import { exhibitionsStore } from '../../stores/exhibitions';
import { playerStore } from '../../stores/player';
import { tourStore } from '../../stores/tour';
import type { Artwork, Tour } from '../../types/api';
import { formatDuration } from '../../utils/format';
import { openPage } from '../../utils/navigate';
import { artworkPath } from '../../utils/routes';

type Tap = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id?: string }>;
type SwitchChange = WechatMiniprogram.CustomEvent<{ value: boolean }>;

/** One stop of the list: its place in the walk, its label and whether it was heard. */
export interface StopView {
  id: string;
  index: number;
  number: string;
  title: string;
  artist: string;
  thumb: string;
  heard: boolean;
}

/** The artworks of the stops, fetched once per page. */
const stopArtworks = new WeakMap<object, Map<string, Artwork>>();

ComponentWithStore({
  storeBindings: [
    {
      store: tourStore,
      fields: ['autoplay'] as const,
      actions: [] as const,
    },
    {
      store: playerStore,
      // The history changes as stops are heard: the list's ticks follow it.
      fields: { heard: () => playerStore.history.filter((entry) => entry.finished).length },
      actions: [] as const,
    },
  ],

  data: {
    /** The tour's id, from the page's query. */
    tourId: '',
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorMessage: '',
    title: '',
    description: '',
    summary: '',
    progress: '',
    action: '开始路线',
    stops: [] as StopView[],
  },

  observers: {
    heard() {
      this.render();
    },
  },

  methods: {
    // load() keeps its failure in the page's state: it never rejects.
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ tourId: query.id ?? '' });
      void this.load();
    },

    onShow() {
      this.render();
    },

    async load() {
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        await exhibitionsStore.start();
        const tour = this.tour();
        if (!tour) throw new Error('这条路线不在你选择的展览中，请回到“选择展览”看看。');
        const answers = await Promise.all(tour.stops.map((id) => artworks.get(id)));
        stopArtworks.set(this, new Map(answers.map((artwork) => [artwork.id, artwork])));
        wx.setNavigationBarTitle({ title: tour.title, fail: () => undefined });
        this.setData({ status: 'ready' });
        this.render();
      } catch (error) {
        this.setData({
          status: 'error',
          errorMessage:
            error instanceof Error && !('code' in error) ? error.message : messageOf(error),
        });
      }
    },

    tour(): Tour | undefined {
      return tourStore.tourOf(this.data.tourId);
    },

    render() {
      const tour = this.tour();
      const loaded = stopArtworks.get(this);
      if (!tour || !loaded) return;
      const heard = new Set(tourStore.finishedStops(tour));
      const stops = tour.stops.flatMap((id, index): StopView[] => {
        const artwork = loaded.get(id);
        if (!artwork) return [];
        return [
          {
            id,
            index: index + 1,
            number: exhibitionsStore.workIn(id)?.number ?? '',
            title: artwork.title.zh,
            artist: artwork.artist.name.zh,
            thumb: artwork.thumbnail.url,
            heard: heard.has(id),
          },
        ];
      });
      const walking = tourStore.active?.tourId === tour.id;
      this.setData({
        title: tour.title,
        description: tour.description,
        summary: `${tour.stops.length} 站 · 讲解共 ${formatDuration(tour.duration)}`,
        progress: `已听完 ${heard.size} / ${tour.stops.length} 站`,
        action:
          heard.size === tour.stops.length
            ? '重新走一遍'
            : walking || heard.size
              ? '继续路线'
              : '开始路线',
        stops,
      });
    },

    /** The walk starts (or goes on) at the first stop not heard yet, its narration playing. */
    onStartTap() {
      const tour = this.tour();
      const exhibition = exhibitionsStore.selected;
      if (!tour || !exhibition) return;
      tourStore.begin(exhibition, tour);
      const next = tourStore.nextUnheard(tour);
      if (next) openPage(artworkPath(next, { autoplay: true }));
    },

    onStopTap(event: Tap) {
      const id = event.currentTarget.dataset.id;
      const tour = this.tour();
      const exhibition = exhibitionsStore.selected;
      if (!id || !tour || !exhibition) return;
      tourStore.begin(exhibition, tour);
      openPage(artworkPath(id, { autoplay: true }));
    },

    onAutoplayChange(event: SwitchChange) {
      tourStore.setAutoplay(event.detail.value);
    },

    onRetry() {
      void this.load();
    },
  },
});
