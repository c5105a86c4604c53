import type { Envelope, ReplayListPage } from '../../../miniprogram/types/api';
import { failure, holdAnswers } from '../support/fake-host';
import { fakeWx } from '../support/fake-wx';
import { realHost } from '../support/real-host';
import { eventsTo, openPage, settle, tap, textOf } from '../support/simulate';

const FIRST = 'first-livestream-2020';
/** content/'s replays: the 2020 tour and its paid example cut, the same day, by id. */
const CONTENT = [FIRST, 'first-livestream-2020-highlights'];
/** The extended catalogue's replays, newest first: content/'s, then two older ones. */
const ARCHIVE = [...CONTENT, 'kandinsky-evening-2020', 'chagall-morning-2019'];

beforeEach(() => {
  jest.resetModules();
});

function cardIds(opened: ReturnType<typeof openPage>): string[] {
  return opened.page
    .querySelectorAll('.card')
    .map((card) => card.dom?.getAttribute('data-id') ?? '');
}

/** The `nextCursor` the host answered to the nth `replays` request. */
function answeredCursor(index: number): string | null | undefined {
  const replays = fakeWx().requests.filter((request) => request.functionName === 'replays');
  const envelope = replays[index]?.answer?.data as Envelope<ReplayListPage> | undefined;
  return envelope?.ok ? envelope.data.nextCursor : undefined;
}

describe('replays tab', () => {
  it('lists the past livestream with its date, length, guide and viewers', async () => {
    const opened = openPage('replays');
    await settle(opened.simulate);

    expect(cardIds(opened)).toEqual(CONTENT);
    const first = textOf(opened.page.querySelector(`#replay-${FIRST}`));
    expect(first).toContain('云游蓬皮杜：首场中文直播导览');
    expect(first).toContain('2020年12月14日');
    expect(first).toContain('2小时');
    expect(first).toContain('1万+ 人观看');
    expect(first).toContain('讲解 · 一位说普通话的讲解员与蓬皮杜中心现代馆藏首席策展人');
    expect(
      opened.page.querySelector(`#replay-${FIRST}`)?.dom?.querySelector('wx-image'),
    ).toBeTruthy();
    expect(textOf(opened.page)).toContain('共 2 场直播导览回放');
    expect(textOf(opened.page)).toContain('已显示全部回放');
    expect(eventsTo('replays')).toEqual([{ action: 'list', limit: 10 }]);
    expect(fakeWx().requests.find((request) => request.functionName === 'replays')?.url).toMatch(
      /^http:\/\/127\.0\.0\.1:3000\/api\/replays$/,
    );
  });

  it('lists older livestreams after the newest, each with its own facts', async () => {
    fakeWx().host = realHost({ catalogue: 'extended' });
    const opened = openPage('replays');
    await settle(opened.simulate);

    expect(cardIds(opened)).toEqual(ARCHIVE);
    const evening = textOf(opened.page.querySelector('#replay-kandinsky-evening-2020'));
    expect(evening).toContain('康定斯基之夜：走向抽象');
    expect(evening).toContain('2020年6月20日');
    expect(evening).toContain('1小时30分');
    expect(evening).toContain('8600 人观看');
    expect(textOf(opened.page.querySelector('#replay-chagall-morning-2019'))).toContain(
      '1.2万+ 人观看',
    );
    expect(textOf(opened.page)).toContain('共 4 场直播导览回放');
  });

  it('opens the replay page of a tapped card', async () => {
    const opened = openPage('replays');
    await settle(opened.simulate);

    await tap(opened, `#replay-${FIRST}`);

    expect(fakeWx().api.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: `/pages/replay/index?id=${FIRST}` }),
    );
  });

  it('shows the cached list with the network down on a warm start, and says it is stale', async () => {
    await settle(openPage('replays').simulate);
    jest.resetModules();

    fakeWx().requests = [];
    fakeWx().networkType = 'none';
    fakeWx().networkError = 'request:fail net::ERR_INTERNET_DISCONNECTED';
    const opened = openPage('replays');
    await settle(opened.simulate);

    expect(cardIds(opened)).toEqual(CONTENT);
    expect(opened.page.querySelector('#error-state')).toBeFalsy();
    expect(textOf(opened.page.querySelector('#stale-notice'))).toMatch(/^暂时无法更新：/);
    expect(eventsTo('replays')).toHaveLength(1);
  });

  it('replaces the cached list with the fresh answer once it comes', async () => {
    await settle(openPage('replays').simulate);
    jest.resetModules();

    // The next launch: a slow network, and two more replays published meanwhile.
    const slow = holdAnswers(realHost({ catalogue: 'extended' }));
    fakeWx().host = slow.host;
    const opened = openPage('replays');
    await settle(opened.simulate);
    // The network has not answered yet: the first screen is the cached list, not a skeleton.
    expect(cardIds(opened)).toEqual(CONTENT);
    expect(opened.page.querySelector('#loading-state')).toBeFalsy();

    slow.release();
    await settle(opened.simulate);
    expect(cardIds(opened)).toEqual(ARCHIVE);
    expect(opened.page.querySelector('#stale-notice')).toBeFalsy();
  });

  it('walks the pages with the cursors the function answers, and refreshes on pull-down', async () => {
    fakeWx().host = realHost({ catalogue: 'extended', pageSize: 2 });
    const opened = openPage('replays');
    await settle(opened.simulate);
    expect(cardIds(opened)).toEqual(ARCHIVE.slice(0, 2));
    expect(textOf(opened.page)).not.toContain('已显示全部回放');

    opened.instance.onReachBottom();
    await settle(opened.simulate);
    expect(eventsTo('replays').at(-1)).toEqual({
      action: 'list',
      cursor: answeredCursor(0),
      limit: 10,
    });
    expect(cardIds(opened)).toEqual(ARCHIVE);
    expect(answeredCursor(1)).toBeNull();
    expect(textOf(opened.page)).toContain('已显示全部回放');

    // No further page to ask for.
    opened.instance.onReachBottom();
    await settle(opened.simulate);
    expect(eventsTo('replays')).toHaveLength(2);

    opened.instance.onPullDownRefresh();
    await settle(opened.simulate);
    expect(eventsTo('replays').at(-1)).toEqual({ action: 'list', limit: 10 });
    expect(cardIds(opened)).toEqual(ARCHIVE.slice(0, 2));
    expect(fakeWx().api.stopPullDownRefresh).toHaveBeenCalled();
  });

  it('offers a retry when the next page fails, without losing the list', async () => {
    const host = realHost({ catalogue: 'extended', pageSize: 2 });
    let down = false;
    fakeWx().host = (name, event) =>
      down ? failure('UNAVAILABLE', '暂时不可用') : host(name, event);
    const opened = openPage('replays');
    await settle(opened.simulate);

    down = true;
    opened.instance.onReachBottom();
    await settle(opened.simulate);
    expect(cardIds(opened)).toEqual(ARCHIVE.slice(0, 2));
    expect(textOf(opened.page.querySelector('#load-more-retry'))).toBe('加载失败，轻触重试');

    down = false;
    await tap(opened, '#load-more-retry');
    await settle(opened.simulate);
    expect(cardIds(opened)).toEqual(ARCHIVE);
  });

  it('shows an error with a retry button on a cold start without network, and retry loads', async () => {
    fakeWx().networkError = 'request:fail timeout';
    const opened = openPage('replays');
    await settle(opened.simulate);

    expect(cardIds(opened)).toEqual([]);
    expect(textOf(opened.page.querySelector('#error-state'))).toContain('网络连接超时');

    fakeWx().networkError = null;
    await tap(opened, '#retry');
    await settle(opened.simulate);

    expect(opened.page.querySelector('#error-state')).toBeFalsy();
    expect(cardIds(opened)).toEqual(CONTENT);
  });

  it('says so when there is no replay yet', async () => {
    fakeWx().host = realHost({ catalogue: 'no-replays' });
    const opened = openPage('replays');
    await settle(opened.simulate);

    expect(cardIds(opened)).toEqual([]);
    expect(textOf(opened.page.querySelector('#empty-state'))).toContain('还没有直播回放');
  });
});
