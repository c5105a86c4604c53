/**
 * Share cards, the lock screen and the system player take an https image only: a `cloud://` file
 * ID or a plain-http development address would leave them blank, so those are left out (WeChat
 * then draws the card from the page).
 */
export function httpsImage(url: string | undefined): string {
  return url && /^https:\/\//i.test(url) ? url : '';
}

export function shareImage(url: string | undefined): { imageUrl?: string } {
  const imageUrl = httpsImage(url);
  return imageUrl ? { imageUrl } : {};
}

/** 转发 and 分享到朋友圈 on the current page; where the platform refuses, the page works on without. */
export function enableSharing(): void {
  wx.showShareMenu({ menus: ['shareAppMessage', 'shareTimeline'], fail: () => undefined });
}
