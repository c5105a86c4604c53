/** WeChat keeps at most ten pages on its stack; past that `navigateTo` fails. */
export const PAGE_STACK_LIMIT = 10;

/**
 * Opens a page on top of the current one. A visitor who follows work → replay → work … ten deep
 * would otherwise tap and see nothing: there the newest page is replaced instead.
 */
export function openPage(url: string): void {
  // Where even the redirect fails (a page that does not exist), the visitor stays where they are.
  const redirect = () => wx.redirectTo({ url, fail: () => undefined });
  if (getCurrentPages().length >= PAGE_STACK_LIMIT) {
    redirect();
    return;
  }
  wx.navigateTo({ url, fail: redirect });
}
