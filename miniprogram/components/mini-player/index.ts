import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { playerStore } from '../../stores/player';
import { bindClock, unbindClock } from '../../stores/player-clock';
import { artworkPath } from '../../utils/routes';
import { openPage } from '../../utils/navigate';

/**
 * The bar at the bottom of every page while a narration is loaded, playing or paused: what plays,
 * play/pause, a thin progress line; a tap opens the work.
 */
ComponentWithStore({
  properties: {
    /** The artwork page showing the full player for this work hides the bar. */
    hideFor: { type: String, value: '' },
    /** On a page without the tab bar the bar must clear the home indicator itself. */
    inset: { type: Boolean, value: false },
  },

  storeBindings: {
    store: playerStore,
    fields: [
      'visible',
      'playerId',
      'title',
      'cover',
      'duration',
      'isSounding',
      'statusLabel',
    ] as const,
    actions: [] as const,
  },

  data: {
    second: 0,
  },

  lifetimes: {
    attached() {
      bindClock(this, ['second']);
    },
    detached() {
      unbindClock(this);
    },
  },

  // A page hidden under another spends nothing on the clock.
  pageLifetimes: {
    show() {
      bindClock(this, ['second']);
    },
    hide() {
      unbindClock(this);
    },
  },

  methods: {
    onOpen() {
      const id = playerStore.playerId;
      if (id) openPage(artworkPath(id));
    },

    onToggle() {
      playerStore.toggle();
    },
  },
});
