import type { ArtworkListPage, Envelope } from '../../../miniprogram/types/api';
import { failure, holdAnswers } from '../support/fake-host';
import { fakeWx, type HostAnswer, type HostHandler } from '../support/fake-wx';
import { fetchData, realHost } from '../support/real-host';
import { emit, listEvents, openPage, settle, tap, textOf } from '../support/simulate';

/** content/artworks, in the order of their wall-label numbers (501 … 525). */
const PICASSO = [
  'picasso-guitariste-1910',
  'picasso-arlequin-1923',
  'picasso-la-muse-1935',
  'picasso-aubade-1942',
];
const CHAGALL = [
  'chagall-a-la-russie-1911',
  'chagall-double-portrait-1917',
  'chagall-maries-tour-eiffel-1938',
  'chagall-autour-d-elle-1945',
];
const KANDINSKY = [
  'kandinsky-impression-v-1911',
  'kandinsky-arc-noir-1912',
  'kandinsky-tache-rouge-1914',
  'kandinsky-jaune-rouge-bleu-1925',
  'kandinsky-bleu-de-ciel-1940',
];
const CATALOGUE = [...PICASSO, ...CHAGALL, ...KANDINSKY];

beforeEach(() => {
  jest.resetModules();
});

function cardIds(opened: ReturnType<typeof openPage>): string[] {
  return opened.page
    .querySelectorAll('.card')
    .map((card) => card.dom?.getAttribute('data-id') ?? '');
}

/** The `nextCursor` the host answered to the nth list request. */
function answeredCursor(index: number): string | null | undefined {
  const lists = fakeWx().requests.filter((request) => request.event.action === 'list');
  const envelope = lists[index]?.answer?.data as Envelope<ArtworkListPage> | undefined;
  return envelope?.ok ? envelope.data.nextCursor : undefined;
}

describe('collection page', () => {
  it('renders the catalogue in label order, with each work’s facts and thumbnail aspect', async () => {
    const opened = openPage('collection');
    await settle(opened.simulate);

    expect(cardIds(opened)).toEqual(CATALOGUE);
    const first = textOf(opened.page.querySelector('#card-picasso-guitariste-1910'));
    expect(first).toContain('吉他手');
    expect(first).toContain('Le Guitariste');
    expect(first).toContain('巴勃罗·毕加索 · 1910');
    expect(first).toContain('展签 501');
    expect(first).toContain('语音 1分48秒');
    // A 263 × 360 thumbnail at 200rpx wide → 274rpx high (simulate renders rpx as px).
    const thumb = opened.page
      .querySelector('#card-picasso-guitariste-1910')
      ?.dom?.querySelector('wx-image');
    expect(thumb?.getAttribute('style')).toMatch(/height:\s*274(rpx|px)/);
    expect(textOf(opened.page)).toContain('共 13 件作品');
    expect(textOf(opened.page.querySelector('#chip-all'))).toBe('全部 13');
    expect(textOf(opened.page.querySelector('#chip-picasso'))).toBe('巴勃罗·毕加索 4');
    expect(textOf(opened.page.querySelector('#chip-kandinsky'))).toBe('瓦西里·康定斯基 5');
    expect(textOf(opened.page)).toContain('已显示全部作品');
    // Cold start: a single backend call brings the list and the chips, over HTTP to the local host.
    expect(fakeWx().requests.map((request) => request.event)).toEqual([
      { action: 'list', limit: 20, withArtists: true },
    ]);
    expect(fakeWx().requests[0]?.url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/api\/artworks$/);
  });

  it('filters by artist when a chip is tapped', async () => {
    const opened = openPage('collection');
    await settle(opened.simulate);

    await tap(opened, '#chip-chagall');
    await settle(opened.simulate);

    expect(listEvents().at(-1)).toEqual({ action: 'list', artist: 'chagall', limit: 20 });
    expect(cardIds(opened)).toEqual(CHAGALL);
    expect(textOf(opened.page)).toContain('共 4 件作品');
    expect(opened.page.querySelector('#chip-chagall')?.dom?.className).toContain('chip--active');
    expect(opened.page.querySelector('#chip-all')?.dom?.className).not.toContain('chip--active');

    await tap(opened, '#chip-all');
    await settle(opened.simulate);
    expect(listEvents().at(-1)).toEqual({ action: 'list', limit: 20 });
    expect(cardIds(opened)).toEqual(CATALOGUE);
  });

  it('finds Picasso’s works by characters, full pinyin, initials and the Latin name', async () => {
    const opened = openPage('collection');
    await settle(opened.simulate);

    for (const query of ['毕加索', 'bijiasuo', 'bjs', 'Picasso']) {
      await emit(opened, '#search', 'search', query);
      await settle(opened.simulate);
      expect(listEvents().at(-1)).toEqual({ action: 'list', q: query, limit: 20 });
      expect(cardIds(opened)).toEqual(PICASSO);
      // Back to the whole catalogue, so the next search starts from it.
      await emit(opened, '#search', 'clear', '');
      await settle(opened.simulate);
      expect(cardIds(opened)).toEqual(CATALOGUE);
    }
  });

  it('searches after a pause in typing, once', async () => {
    const opened = openPage('collection');
    await settle(opened.simulate);

    await emit(opened, '#search', 'change', 'x');
    await emit(opened, '#search', 'change', 'xiajiaer');
    await opened.simulate.sleep(350);
    await settle(opened.simulate);

    expect(listEvents().slice(1)).toEqual([{ action: 'list', q: 'xiajiaer', limit: 20 }]);
    expect(cardIds(opened)).toEqual(CHAGALL);
  });

  it('shows an empty state when nothing matches', async () => {
    const opened = openPage('collection');
    await settle(opened.simulate);

    await emit(opened, '#search', 'search', 'zzz');
    await settle(opened.simulate);

    expect(cardIds(opened)).toEqual([]);
    expect(textOf(opened.page.querySelector('#empty-state'))).toContain('没有找到相关作品');
  });

  it('opens the artwork page of a tapped card', async () => {
    const opened = openPage('collection');
    await settle(opened.simulate);

    await tap(opened, '#card-picasso-arlequin-1923');

    expect(fakeWx().api.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/pages/artwork/index?id=picasso-arlequin-1923' }),
    );
  });

  it('shows an error with a retry button when the backend fails, and retry loads the list', async () => {
    fakeWx().networkError = 'request:fail timeout';
    const opened = openPage('collection');
    await settle(opened.simulate);

    expect(cardIds(opened)).toEqual([]);
    expect(textOf(opened.page.querySelector('#error-state'))).toContain('网络连接超时');

    fakeWx().networkError = null;
    await tap(opened, '#retry');
    await settle(opened.simulate);

    expect(opened.page.querySelector('#error-state')).toBeFalsy();
    expect(cardIds(opened)).toEqual(CATALOGUE);
  });

  it('shows the skeleton while the first page loads', async () => {
    const slow = holdAnswers(realHost());
    fakeWx().host = slow.host;
    const opened = openPage('collection');
    await settle(opened.simulate);

    expect(opened.page.querySelector('#loading-state')).toBeTruthy();
    slow.release();
    await settle(opened.simulate);
    expect(opened.page.querySelector('#loading-state')).toBeFalsy();
    expect(cardIds(opened)).toEqual(CATALOGUE);
  });

  it('walks the pages with the cursors the function answers, and refreshes on pull-down', async () => {
    // Pages of 5, as a catalogue larger than one page of the app would be served.
    fakeWx().host = realHost({ pageSize: 5 });
    const opened = openPage('collection');
    await settle(opened.simulate);
    expect(cardIds(opened)).toEqual(CATALOGUE.slice(0, 5));
    expect(textOf(opened.page)).toContain('共 13 件作品');
    expect(textOf(opened.page)).not.toContain('已显示全部作品');

    opened.instance.onReachBottom();
    await settle(opened.simulate);
    expect(listEvents()[1]).toEqual({ action: 'list', cursor: answeredCursor(0), limit: 20 });
    expect(cardIds(opened)).toEqual(CATALOGUE.slice(0, 10));

    opened.instance.onReachBottom();
    await settle(opened.simulate);
    expect(listEvents()[2]).toEqual({ action: 'list', cursor: answeredCursor(1), limit: 20 });
    expect(cardIds(opened)).toEqual(CATALOGUE);
    expect(answeredCursor(2)).toBeNull();
    expect(textOf(opened.page)).toContain('已显示全部作品');

    // Nothing further to ask for.
    opened.instance.onReachBottom();
    await settle(opened.simulate);
    expect(listEvents()).toHaveLength(3);

    opened.instance.onPullDownRefresh();
    await settle(opened.simulate);
    expect(listEvents().at(-1)).toEqual({ action: 'list', limit: 20, withArtists: true });
    expect(cardIds(opened)).toEqual(CATALOGUE.slice(0, 5));
    expect(fakeWx().api.stopPullDownRefresh).toHaveBeenCalled();
  });

  it('pages a search with its own cursors', async () => {
    fakeWx().host = realHost({ pageSize: 3 });
    const opened = openPage('collection');
    await settle(opened.simulate);

    await emit(opened, '#search', 'search', 'kdsj');
    await settle(opened.simulate);
    expect(cardIds(opened)).toEqual(KANDINSKY.slice(0, 3));

    opened.instance.onReachBottom();
    await settle(opened.simulate);
    expect(listEvents().at(-1)).toEqual({
      action: 'list',
      q: 'kdsj',
      cursor: answeredCursor(1),
      limit: 20,
    });
    expect(cardIds(opened)).toEqual(KANDINSKY);
    expect(textOf(opened.page)).toContain('共 5 件作品');
  });

  it('shows the retry footer, never a wrong page, when the function refuses a next-page cursor', async () => {
    // The first page comes back with a cursor the function does not issue ('2', a position), as an
    // older deployment or a proxy rewriting the answer would send; the next page must fail cleanly.
    const host = realHost({ pageSize: 5 });
    const mangled: HostHandler = async (name, event) => {
      const answer = await host(name, event);
      const envelope = answer.data as Envelope<ArtworkListPage>;
      if (event.cursor !== undefined || !envelope.ok) return answer;
      return { ...answer, data: { ...envelope, data: { ...envelope.data, nextCursor: '2' } } };
    };
    fakeWx().host = mangled;
    const opened = openPage('collection');
    await settle(opened.simulate);
    expect(cardIds(opened)).toEqual(CATALOGUE.slice(0, 5));

    opened.instance.onReachBottom();
    await settle(opened.simulate);

    const refused = fakeWx().requests.at(-1);
    expect(refused?.event).toEqual({ action: 'list', cursor: '2', limit: 20 });
    expect(refused?.answer).toEqual({
      statusCode: 400,
      data: {
        ok: false,
        error: {
          code: 'INVALID_ARGUMENT',
          message: '参数 cursor 无效：请使用上一页返回的 nextCursor。',
        },
      },
    });
    expect(cardIds(opened)).toEqual(CATALOGUE.slice(0, 5));
    expect(textOf(opened.page.querySelector('#load-more-retry'))).toBe('加载失败，轻触重试');

    // A pull-down starts over with the function's own cursors, and paging works again.
    fakeWx().host = host;
    opened.instance.onPullDownRefresh();
    await settle(opened.simulate);
    opened.instance.onReachBottom();
    await settle(opened.simulate);
    expect(cardIds(opened)).toEqual(CATALOGUE.slice(0, 10));
    expect(opened.page.querySelector('#load-more-retry')).toBeFalsy();
  });

  it('never sends the cursor a cached first page holds, only the one the function just answered', async () => {
    // A warm start after an update: the cached page carries a cursor the function refuses.
    const fresh = await fetchData<ArtworkListPage>('artworks', {
      action: 'list',
      limit: 5,
      withArtists: true,
    });
    fakeWx().storage.set('pompidou:v1:collection.firstPage', {
      savedAt: 0,
      value: { page: { ...fresh, nextCursor: '2' }, artists: fresh.artists },
    });
    const slow = holdAnswers(realHost({ pageSize: 5 }));
    fakeWx().host = slow.host;
    const opened = openPage('collection');
    await settle(opened.simulate);
    expect(cardIds(opened)).toEqual(CATALOGUE.slice(0, 5));

    // The bottom is reached while the refresh is on its way: nothing is asked with the old cursor.
    opened.instance.onReachBottom();
    await settle(opened.simulate);
    slow.release();
    await settle(opened.simulate);
    opened.instance.onReachBottom();
    await settle(opened.simulate);
    slow.release();
    await settle(opened.simulate);

    expect(listEvents().map((event) => event.cursor)).toEqual([undefined, answeredCursor(0)]);
    expect(cardIds(opened)).toEqual(CATALOGUE.slice(0, 10));
  });

  it('shows the cached first page on a warm start before the network answers', async () => {
    // A first visit fills the cache…
    await settle(openPage('collection').simulate);
    jest.resetModules();

    // …then the next launch finds the network slow and a work added to the catalogue.
    const slow = holdAnswers(realHost({ catalogue: 'extended' }));
    fakeWx().requests = [];
    fakeWx().host = slow.host;
    const opened = openPage('collection');
    await settle(opened.simulate);

    expect(cardIds(opened)).toEqual(CATALOGUE);
    expect(opened.page.querySelector('#loading-state')).toBeFalsy();

    slow.release();
    await settle(opened.simulate);
    expect(cardIds(opened)).toEqual([...CATALOGUE, 'picasso-study-without-narration']);
    expect(textOf(opened.page)).toContain('共 14 件作品');
  });

  it('keeps the cached list and says so when the refresh fails', async () => {
    await settle(openPage('collection').simulate);
    jest.resetModules();

    fakeWx().host = (): HostAnswer => failure('UNAVAILABLE', '数据库暂时不可用');
    const opened = openPage('collection');
    await settle(opened.simulate);

    expect(cardIds(opened)).toEqual(CATALOGUE);
    expect(textOf(opened.page.querySelector('#stale-notice'))).toContain('网络不太稳定');
  });
});
