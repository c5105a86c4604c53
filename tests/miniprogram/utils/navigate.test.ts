import { openPage, PAGE_STACK_LIMIT } from '../../../miniprogram/utils/navigate';

// Fakes: wx.navigateTo / wx.redirectTo and the page stack getCurrentPages() reports.
describe('opening a page', () => {
  let stack: unknown[];
  let navigateTo: jest.Mock;
  let redirectTo: jest.Mock;

  beforeEach(() => {
    stack = [{}];
    navigateTo = jest.fn((options: { url: string }) => stack.push(options.url));
    redirectTo = jest.fn();
    Object.assign(wx, { navigateTo, redirectTo });
    Object.assign(globalThis, { getCurrentPages: () => stack });
  });

  it('pushes the page while the stack has room', () => {
    openPage('/pages/artwork/index?id=a');
    expect(navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/pages/artwork/index?id=a' }),
    );
    expect(redirectTo).not.toHaveBeenCalled();
  });

  it('replaces the newest page when ten are open, instead of failing silently', () => {
    stack = Array.from({ length: PAGE_STACK_LIMIT }, () => ({}));
    openPage('/pages/replay/index?id=r');
    expect(navigateTo).not.toHaveBeenCalled();
    expect(redirectTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/pages/replay/index?id=r' }),
    );
  });

  it('replaces the page when the platform refuses to push it', () => {
    navigateTo.mockImplementation((options: { fail: () => void }) => options.fail());
    openPage('/pages/artwork/index?id=b');
    expect(redirectTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/pages/artwork/index?id=b' }),
    );
  });
});
