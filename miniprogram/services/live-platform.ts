// The WeChat side of live tours: the one-off permission a reminder needs, and opening a live on
// WeChat Channels (视频号). Every wx.* call of the live tab is here.

/** What the visitor answered the subscribe-message prompt, or why it could not be asked. */
export type ReminderPermission =
  | { kind: 'accepted' }
  | { kind: 'rejected' }
  /** The template was banned by WeChat, or filtered for this visitor. */
  | { kind: 'unavailable'; detail: string }
  /** The visitor turned subscription messages off in the mini program's settings. */
  | { kind: 'switched-off' }
  | { kind: 'error'; detail: string };

/** Errors of wx.requestSubscribeMessage that mean "turned off in settings" (20004). */
const SWITCHED_OFF = 20004;

export function requestReminderPermission(templateId: string): Promise<ReminderPermission> {
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: [templateId],
      success: (result) => {
        const answer = (result as unknown as Record<string, string>)[templateId];
        if (answer === 'accept') resolve({ kind: 'accepted' });
        else if (answer === 'reject') resolve({ kind: 'rejected' });
        else resolve({ kind: 'unavailable', detail: String(answer) });
      },
      fail: (error: { errMsg: string; errCode?: number }) => {
        if (error.errCode === SWITCHED_OFF) resolve({ kind: 'switched-off' });
        else resolve({ kind: 'error', detail: error.errMsg });
      },
    });
  });
}

/** Opens the mini program's settings, where subscription messages are switched back on. */
export function openSettings(): void {
  void wx.openSetting({});
}

export type ChannelsOpen = { opened: true } | { opened: false; detail: string };

/**
 * Opens a live on WeChat Channels: the feed and nonce come from wx.getChannelsLiveInfo (they change
 * with each live), then wx.openChannelsLive. WeChat allows both only for a Channels account of the
 * same 主体 (entity) as the mini program; otherwise the caller shows its fallback.
 */
export function openChannelsLive(finderUserName: string): Promise<ChannelsOpen> {
  return new Promise((resolve) => {
    const failed = (error: { errMsg: string }) => resolve({ opened: false, detail: error.errMsg });
    if (typeof wx.getChannelsLiveInfo !== 'function' || typeof wx.openChannelsLive !== 'function') {
      resolve({ opened: false, detail: '当前微信版本不支持打开视频号直播' });
      return;
    }
    wx.getChannelsLiveInfo({
      finderUserName,
      success: (info) => {
        wx.openChannelsLive({
          finderUserName,
          feedId: info.feedId,
          nonceId: info.nonceId,
          success: () => resolve({ opened: true }),
          fail: failed,
        });
      },
      fail: failed,
    });
  });
}

export function copyText(text: string): Promise<boolean> {
  return new Promise((resolve) => {
    wx.setClipboardData({ data: text, success: () => resolve(true), fail: () => resolve(false) });
  });
}
