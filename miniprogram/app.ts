import { initCloud } from './services/backend';
import { playerStore } from './stores/player';

App({
  onLaunch() {
    initCloud();
  },

  /** Back from the background: the player does what the system would not let it do there. */
  onShow() {
    playerStore.catchUp();
  },
});
