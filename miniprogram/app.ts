import { initCloud } from './services/backend';
import { exhibitionsStore } from './stores/exhibitions';
import { favoritesStore } from './stores/favorites';
import { playerStore } from './stores/player';

const listening = () => playerStore.listening;

App({
  onLaunch() {
    initCloud();
    // Which exhibition the visitor is in: the remembered one at once, the list behind it. The
    // store keeps a failure in its state (the pages offer a retry): it never rejects.
    void exhibitionsStore.start();
    // Favourites saved on the phone, and any changes made offline sent now (never rejects).
    void favoritesStore.start();
    // Listening statistics made offline go out when the network comes back (never rejects).
    wx.onNetworkStatusChange((status) => {
      if (status.isConnected) void listening().flush();
    });
  },

  /** To the background: a narration left without sound counts as listened, the queue is sent. */
  onHide() {
    playerStore.appHidden();
  },

  /** Back from the background: the player does what the system would not let it do there. */
  onShow() {
    playerStore.catchUp();
    void listening().flush();
  },
});
