import { failure, ok, replaysHost } from '../support/fake-host';
import { fakeWx, type HostAnswer } from '../support/fake-wx';
import { allReplays, replaySummaryOf } from '../support/fixtures';
import { eventsTo, openPage, settle, tap, textOf } from '../support/simulate';

beforeEach(() => {
  jest.resetModules();
});

function cardIds(opened: ReturnType<typeof openPage>): string[] {
  return opened.page
    .querySelectorAll('.card')
    .map((card) => card.dom?.getAttribute('data-id') ?? '');
}

describe('replays tab', () => {
  it('lists the past livestreams the backend answers, with date, length, guide and viewers', async () => {
    fakeWx().host = replaysHost();
    const opened = openPage('replays');
    await settle(opened.simulate);

    expect(cardIds(opened)).toEqual([
      'first-livestream-2020',
      'kandinsky-evening',
      'chagall-morning',
    ]);
    const first = textOf(opened.page.querySelector('#replay-first-livestream-2020'));
    expect(first).toContain('云游蓬皮杜：首场中文直播导览');
    expect(first).toContain('2020年12月14日');
    expect(first).toContain('2小时');
    expect(first).toContain('1万+ 人观看');
    expect(first).toContain('讲解 · 说普通话的讲解员与现代馆藏首席策展人');
    const cover = opened.page
      .querySelector('#replay-first-livestream-2020')
      ?.dom?.querySelector('wx-image');
    expect(cover).toBeTruthy();
    expect(textOf(opened.page.querySelector('#replay-kandinsky-evening'))).toContain('1小时30分');
    expect(textOf(opened.page.querySelector('#replay-kandinsky-evening'))).toContain('8600 人观看');
    expect(textOf(opened.page.querySelector('#replay-chagall-morning'))).toContain('1.2万+ 人观看');
    expect(textOf(opened.page)).toContain('共 3 场直播导览回放');
    expect(fakeWx().requests.map((request) => request.event)).toEqual([
      { action: 'list', limit: 10 },
    ]);
    expect(fakeWx().requests[0].url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/api\/replays$/);
  });

  it('opens the replay page of a tapped card', async () => {
    fakeWx().host = replaysHost();
    const opened = openPage('replays');
    await settle(opened.simulate);

    await tap(opened, '#replay-kandinsky-evening');

    expect(fakeWx().api.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/pages/replay/index?id=kandinsky-evening' }),
    );
  });

  it('shows the cached list with the network down on a warm start, and says it is stale', async () => {
    fakeWx().host = replaysHost();
    await settle(openPage('replays').simulate);
    jest.resetModules();

    fakeWx().requests = [];
    fakeWx().networkError = 'request:fail net::ERR_INTERNET_DISCONNECTED';
    const opened = openPage('replays');
    await settle(opened.simulate);

    expect(cardIds(opened)).toEqual([
      'first-livestream-2020',
      'kandinsky-evening',
      'chagall-morning',
    ]);
    expect(opened.page.querySelector('#error-state')).toBeFalsy();
    expect(textOf(opened.page.querySelector('#stale-notice'))).toContain('网络不太稳定');
    expect(fakeWx().requests).toHaveLength(1);
  });

  it('replaces the cached list with the fresh answer once it comes', async () => {
    fakeWx().host = replaysHost();
    await settle(openPage('replays').simulate);
    jest.resetModules();

    let answer: (value: HostAnswer) => void = () => undefined;
    fakeWx().host = () => new Promise((resolve) => (answer = resolve));
    const opened = openPage('replays');
    await settle(opened.simulate);
    // The network has not answered yet: the first screen is the cached list, not a skeleton.
    expect(cardIds(opened)).toHaveLength(3);
    expect(opened.page.querySelector('#loading-state')).toBeFalsy();

    answer(ok({ items: [replaySummaryOf(allReplays[0])], nextCursor: null, total: 1 }));
    await settle(opened.simulate);
    expect(cardIds(opened)).toEqual(['first-livestream-2020']);
    expect(opened.page.querySelector('#stale-notice')).toBeFalsy();
  });

  it('loads the next page on reaching the bottom, and refreshes on pull-down', async () => {
    const host = replaysHost();
    fakeWx().host = (name, event) => host(name, { ...event, limit: 2 });
    const opened = openPage('replays');
    await settle(opened.simulate);
    expect(cardIds(opened)).toEqual(['first-livestream-2020', 'kandinsky-evening']);
    expect(textOf(opened.page)).not.toContain('已显示全部回放');

    opened.instance.onReachBottom();
    await settle(opened.simulate);
    expect(eventsTo('replays').at(-1)).toEqual({ action: 'list', cursor: '2', limit: 10 });
    expect(cardIds(opened)).toEqual([
      'first-livestream-2020',
      'kandinsky-evening',
      'chagall-morning',
    ]);
    expect(textOf(opened.page)).toContain('已显示全部回放');

    // No further page to ask for.
    opened.instance.onReachBottom();
    await settle(opened.simulate);
    expect(eventsTo('replays')).toHaveLength(2);

    opened.instance.onPullDownRefresh();
    await settle(opened.simulate);
    expect(eventsTo('replays').at(-1)).toEqual({ action: 'list', limit: 10 });
    expect(cardIds(opened)).toEqual(['first-livestream-2020', 'kandinsky-evening']);
    expect(fakeWx().api.stopPullDownRefresh).toHaveBeenCalled();
  });

  it('offers a retry when the next page fails, without losing the list', async () => {
    const host = replaysHost();
    let down = false;
    fakeWx().host = (name, event) =>
      down ? failure('UNAVAILABLE', '暂时不可用') : host(name, { ...event, limit: 2 });
    const opened = openPage('replays');
    await settle(opened.simulate);

    down = true;
    opened.instance.onReachBottom();
    await settle(opened.simulate);
    expect(cardIds(opened)).toHaveLength(2);
    expect(textOf(opened.page.querySelector('#load-more-retry'))).toBe('加载失败，轻触重试');

    down = false;
    await tap(opened, '#load-more-retry');
    await settle(opened.simulate);
    expect(cardIds(opened)).toHaveLength(3);
  });

  it('shows an error with a retry button on a cold start without network, and retry loads', async () => {
    fakeWx().networkError = 'request:fail timeout';
    const opened = openPage('replays');
    await settle(opened.simulate);

    expect(cardIds(opened)).toEqual([]);
    expect(textOf(opened.page.querySelector('#error-state'))).toContain('网络连接超时');

    fakeWx().networkError = null;
    fakeWx().host = replaysHost();
    await tap(opened, '#retry', '.van-button');
    await settle(opened.simulate);

    expect(opened.page.querySelector('#error-state')).toBeFalsy();
    expect(cardIds(opened)).toHaveLength(3);
  });

  it('says so when there is no replay yet', async () => {
    fakeWx().host = replaysHost([]);
    const opened = openPage('replays');
    await settle(opened.simulate);

    expect(textOf(opened.page.querySelector('#empty-state'))).toContain('还没有直播回放');
  });
});
