import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { config } from '../../config';
import { messageOf } from '../../services/backend';
import {
  copyText,
  openChannelsLive,
  openSettings,
  requestReminderPermission,
} from '../../services/live-platform';
import { offerOf, purchase } from '../../services/payments';
import { livesStore } from '../../stores/lives';
import { replaysStore } from '../../stores/replays';
import { REPLAYS_PAGE, replayPath } from '../../utils/routes';
import { openPage } from '../../utils/navigate';

type Tap = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id?: string }>;

/** The countdowns move by minutes: a tick every 30 s is one small setData, well within budget. */
const TICK_MS = 30_000;
/** The mini program live room's player (小程序直播), once the plugin is declared in app.json. */
const LIVE_ROOM_PLUGIN = 'plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin';

const timers = new WeakMap<object, ReturnType<typeof setInterval>>();

function alert(title: string, content: string): void {
  void wx.showModal({ title, content, showCancel: false, confirmText: '知道了' });
}

ComponentWithStore({
  storeBindings: [
    {
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
    {
      store: livesStore,
      fields: {
        liveNow: () => livesStore.liveNow,
        upcoming: () => livesStore.upcoming,
        livesStatus: () => livesStore.status,
      },
      actions: [] as const,
    },
  ],

  data: {
    /** The live a reminder's message opened (`?live=<id>`), shown highlighted. */
    focus: '',
    /** The live whose button is busy (asking permission, paying), so a second tap does nothing. */
    busy: '',
    /** When a live cannot be opened from here: where to find it instead. */
    fallback: null as null | { id: string; text: string; copy: string },
  },

  methods: {
    // The stores keep every failure in their state: their promises never reject.
    onLoad(query: Record<string, string | undefined>) {
      if (query.live) this.setData({ focus: query.live });
      void livesStore.start().then(() => this.learnOwned());
      void replaysStore.start();
    },

    onShow() {
      livesStore.tick();
      if (!timers.has(this))
        timers.set(
          this,
          setInterval(() => livesStore.tick(), TICK_MS),
        );
    },

    onHide() {
      this.stopTicking();
    },

    onUnload() {
      this.stopTicking();
    },

    stopTicking() {
      const timer = timers.get(this);
      if (timer !== undefined) clearInterval(timer);
      timers.delete(this);
    },

    /** Which paid lives on screen the visitor has bought already (one call per paid live). */
    async learnOwned() {
      const paid = [...livesStore.liveNow, ...livesStore.upcoming].filter((card) => card.price);
      await Promise.all(
        paid.map(async (card) => {
          try {
            if ((await offerOf('live', card.id)).owned) livesStore.markOwned(card.id);
          } catch {
            // The card keeps its price and its button; buying will ask again.
          }
        }),
      );
    },

    onPullDownRefresh() {
      void Promise.all([livesStore.refresh(), replaysStore.refresh()]).finally(() =>
        wx.stopPullDownRefresh(),
      );
    },

    onReachBottom() {
      void replaysStore.loadMore();
    },

    onCardTap(event: Tap) {
      const id = event.currentTarget.dataset.id;
      if (id) openPage(replayPath(id));
    },

    onRetry() {
      void livesStore.refresh();
      void replaysStore.retry();
    },

    onLoadMoreRetry() {
      void replaysStore.loadMore();
    },

    /** 提醒我: WeChat's one-off permission first, then the backend records the wish. */
    async onRemind(event: Tap) {
      const id = event.currentTarget.dataset.id;
      if (!id || this.data.busy) return;
      this.setData({ busy: id });
      try {
        const templateId = config.reminderTemplateId;
        if (!templateId) {
          await livesStore.remind(id);
          alert(
            '已登记提醒（开发环境）',
            '还没有配置订阅消息模板（config.ts 的 reminderTemplateId），提醒已经记下，但不会收到微信通知。',
          );
          return;
        }
        const permission = await requestReminderPermission(templateId);
        if (permission.kind === 'accepted') {
          await livesStore.remind(id);
          void wx.showToast({ title: '开播前 15 分钟提醒你', icon: 'none' });
        } else if (permission.kind === 'rejected') {
          alert(
            '没有开启提醒',
            '提醒要经过你的同意才能发送：刚才选择了“取消”，所以这场直播不会提醒你。想要提醒的话，再点一次「提醒我」并选择“允许”。',
          );
        } else if (permission.kind === 'switched-off') {
          wx.showModal({
            title: '订阅消息已关闭',
            content:
              '你在设置里关掉了本小程序的订阅消息，所以无法提醒。打开设置，把“订阅消息”重新开启后再试。',
            confirmText: '去设置',
            success: (result) => {
              if (result.confirm) openSettings();
            },
          });
        } else {
          alert('暂时无法预约提醒', `微信没有弹出提醒授权（${permission.detail}），请稍后再试。`);
        }
      } catch (error) {
        void wx.showToast({ title: messageOf(error), icon: 'none' });
      } finally {
        this.setData({ busy: '' });
      }
    },

    /** 进入直播: Channels where the account allows it, the live room's player, else a way to find it. */
    async onJoin(event: Tap) {
      const id = event.currentTarget.dataset.id;
      const live = id ? livesStore.byId(id) : undefined;
      if (!live || this.data.busy) return;
      if (live.access.paid && !livesStore.owned.includes(`live:${live.id}`)) {
        await this.buyLive(live.id);
        if (!livesStore.owned.includes(`live:${live.id}`)) return;
      }
      this.setData({ fallback: null });
      if (live.channels) {
        const result = await openChannelsLive(live.channels.finderUserName);
        if (result.opened) return;
        const name = live.channelsName ?? live.channels.finderUserName;
        this.setData({
          fallback: {
            id: live.id,
            text: `这里无法直接打开这场直播（${result.detail}）：视频号与小程序属于同一主体时才能跳转。请在微信「发现 → 视频号」里搜索「${name}」，进入正在进行的直播。`,
            copy: name,
          },
        });
        return;
      }
      wx.navigateTo({
        url: `${LIVE_ROOM_PLUGIN}?room_id=${live.liveRoomId ?? ''}`,
        fail: (error) =>
          this.setData({
            fallback: {
              id: live.id,
              text: `这场直播在小程序直播间进行，当前版本还打不开直播间（${error.errMsg}）。直播结束后可以在这里观看回放。`,
              copy: '',
            },
          }),
      });
    },

    async onCopyFallback() {
      const copy = this.data.fallback?.copy;
      if (copy && (await copyText(copy))) {
        void wx.showToast({ title: '已复制视频号名称', icon: 'none' });
      }
    },

    onBuy(event: Tap) {
      const id = event.currentTarget.dataset.id;
      if (id) void this.buyLive(id);
    },

    async buyLive(id: string) {
      if (this.data.busy) return;
      this.setData({ busy: id });
      try {
        const offer = await offerOf('live', id);
        if (offer.owned) {
          livesStore.markOwned(id);
          return;
        }
        const result = await purchase(offer);
        if (result.kind === 'owned') {
          livesStore.markOwned(id);
          void wx.showToast({ title: '购买成功', icon: 'success' });
        } else if (result.kind === 'pending') {
          alert('支付已完成', '微信支付的结果还在路上，稍后下拉刷新即可看到已购买。');
        } else if (result.kind === 'failed') {
          alert('没有买成', result.message);
        }
      } catch (error) {
        void wx.showToast({ title: messageOf(error), icon: 'none' });
      } finally {
        this.setData({ busy: '' });
      }
    },

    onShareAppMessage() {
      return { title: '蓬皮杜导览 · 直播导览', path: REPLAYS_PAGE };
    },
  },
});
