import { artworksHost, failure, ok } from '../support/fake-host';
import { fakeWx, type HostAnswer } from '../support/fake-wx';
import { harlequin, summaryOf, toRussia, womanInBlue, artists } from '../support/fixtures';
import { emit, listEvents, openPage, settle, tap, textOf } from '../support/simulate';

beforeEach(() => {
  jest.resetModules();
});

function cardIds(opened: ReturnType<typeof openPage>): string[] {
  return opened.page
    .querySelectorAll('.card')
    .map((card) => card.dom?.getAttribute('data-id') ?? '');
}

describe('collection page', () => {
  it('renders the artworks the backend lists, with their facts and thumbnail aspect', async () => {
    fakeWx().host = artworksHost();
    const opened = openPage('collection');
    await settle(opened.simulate);

    expect(cardIds(opened)).toEqual(['femme-en-bleu', 'arlequin', 'a-la-russie']);
    const first = textOf(opened.page.querySelector('#card-femme-en-bleu'));
    expect(first).toContain('蓝衣女人');
    expect(first).toContain('Femme en bleu');
    expect(first).toContain('巴勃罗·毕加索 · 1944');
    expect(first).toContain('展签 101');
    expect(first).toContain('语音 3分20秒');
    // 300 × 400 thumbnail at 200rpx wide → 267rpx high (simulate renders rpx as px).
    const thumb = opened.page.querySelector('#card-femme-en-bleu')?.dom?.querySelector('wx-image');
    expect(thumb?.getAttribute('style')).toMatch(/height:\s*267(rpx|px)/);
    expect(textOf(opened.page)).toContain('共 3 件作品');
    expect(textOf(opened.page.querySelector('#chip-all'))).toBe('全部 3');
    expect(textOf(opened.page.querySelector('#chip-pablo-picasso'))).toBe('巴勃罗·毕加索 2');
    // Cold start: a single backend call brings the list and the chips, over HTTP to the local host.
    expect(fakeWx().requests.map((request) => request.event)).toEqual([
      { action: 'list', limit: 20, withArtists: true },
    ]);
    expect(fakeWx().requests[0].url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/api\/artworks$/);
  });

  it('filters by artist when a chip is tapped', async () => {
    fakeWx().host = artworksHost();
    const opened = openPage('collection');
    await settle(opened.simulate);

    await tap(opened, '#chip-marc-chagall');
    await settle(opened.simulate);

    expect(listEvents().at(-1)).toEqual({ action: 'list', artist: 'marc-chagall', limit: 20 });
    expect(cardIds(opened)).toEqual(['a-la-russie']);
    expect(opened.page.querySelector('#chip-marc-chagall')?.dom?.className).toContain(
      'chip--active',
    );
    expect(opened.page.querySelector('#chip-all')?.dom?.className).not.toContain('chip--active');

    await tap(opened, '#chip-all');
    await settle(opened.simulate);
    expect(listEvents().at(-1)).toEqual({ action: 'list', limit: 20 });
    expect(cardIds(opened)).toHaveLength(3);
  });

  it('sends the search text as q and shows what matches', async () => {
    fakeWx().host = artworksHost();
    const opened = openPage('collection');
    await settle(opened.simulate);

    await emit(opened, '#search', 'search', 'bjs');
    await settle(opened.simulate);

    expect(listEvents().at(-1)).toEqual({ action: 'list', q: 'bjs', limit: 20 });
    expect(cardIds(opened)).toEqual(['femme-en-bleu', 'arlequin']);
  });

  it('searches after a pause in typing, once', async () => {
    fakeWx().host = artworksHost();
    const opened = openPage('collection');
    await settle(opened.simulate);

    await emit(opened, '#search', 'change', 'x');
    await emit(opened, '#search', 'change', 'xiajiaer');
    await opened.simulate.sleep(350);
    await settle(opened.simulate);

    expect(listEvents().slice(1)).toEqual([{ action: 'list', q: 'xiajiaer', limit: 20 }]);
    expect(cardIds(opened)).toEqual(['a-la-russie']);
  });

  it('shows an empty state when nothing matches', async () => {
    fakeWx().host = artworksHost();
    const opened = openPage('collection');
    await settle(opened.simulate);

    await emit(opened, '#search', 'search', 'zzz');
    await settle(opened.simulate);

    expect(cardIds(opened)).toEqual([]);
    expect(textOf(opened.page.querySelector('#empty-state'))).toContain('没有找到相关作品');
  });

  it('opens the artwork page of a tapped card', async () => {
    fakeWx().host = artworksHost();
    const opened = openPage('collection');
    await settle(opened.simulate);

    await tap(opened, '#card-arlequin');

    expect(fakeWx().api.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/pages/artwork/index?id=arlequin' }),
    );
  });

  it('shows an error with a retry button when the backend fails, and retry loads the list', async () => {
    fakeWx().networkError = 'request:fail timeout';
    const opened = openPage('collection');
    await settle(opened.simulate);

    expect(cardIds(opened)).toEqual([]);
    expect(textOf(opened.page.querySelector('#error-state'))).toContain('网络连接超时');

    fakeWx().networkError = null;
    fakeWx().host = artworksHost();
    await tap(opened, '#retry', '.van-button');
    await settle(opened.simulate);

    expect(opened.page.querySelector('#error-state')).toBeFalsy();
    expect(cardIds(opened)).toHaveLength(3);
  });

  it('shows the skeleton while the first page loads', async () => {
    let answer: (value: HostAnswer) => void = () => undefined;
    fakeWx().host = (_name, event) =>
      event.action === 'list' ? new Promise((resolve) => (answer = resolve)) : ok(artists);
    const opened = openPage('collection');
    await settle(opened.simulate);

    expect(opened.page.querySelector('#loading-state')).toBeTruthy();
    answer(ok({ items: [summaryOf(harlequin)], nextCursor: null, total: 1 }));
    await settle(opened.simulate);
    expect(opened.page.querySelector('#loading-state')).toBeFalsy();
    expect(cardIds(opened)).toEqual(['arlequin']);
  });

  it('loads the next page on reaching the bottom, and refreshes on pull-down', async () => {
    fakeWx().host = (name, event) => artworksHost()(name, { ...event, limit: 2 }) as HostAnswer;
    const opened = openPage('collection');
    await settle(opened.simulate);
    expect(cardIds(opened)).toEqual(['femme-en-bleu', 'arlequin']);

    opened.instance.onReachBottom();
    await settle(opened.simulate);
    expect(listEvents().at(-1)).toEqual({ action: 'list', cursor: '2', limit: 20 });
    expect(cardIds(opened)).toEqual(['femme-en-bleu', 'arlequin', 'a-la-russie']);
    expect(textOf(opened.page)).toContain('已显示全部作品');

    opened.instance.onPullDownRefresh();
    await settle(opened.simulate);
    expect(listEvents().at(-1)).toEqual({ action: 'list', limit: 20, withArtists: true });
    expect(cardIds(opened)).toEqual(['femme-en-bleu', 'arlequin']);
    expect(fakeWx().api.stopPullDownRefresh).toHaveBeenCalled();
  });

  it('shows the cached first page on a warm start before the network answers', async () => {
    // A first visit fills the cache…
    fakeWx().host = artworksHost();
    await settle(openPage('collection').simulate);
    jest.resetModules();

    // …then the next launch finds the network slow and the catalogue changed.
    let answer: (value: HostAnswer) => void = () => undefined;
    fakeWx().requests = [];
    fakeWx().host = (_name, event) =>
      event.action === 'list' ? new Promise((resolve) => (answer = resolve)) : ok(artists);
    const opened = openPage('collection');
    await settle(opened.simulate);

    expect(cardIds(opened)).toEqual(['femme-en-bleu', 'arlequin', 'a-la-russie']);
    expect(opened.page.querySelector('#loading-state')).toBeFalsy();

    answer(
      ok({ items: [summaryOf(toRussia), summaryOf(womanInBlue)], nextCursor: null, total: 2 }),
    );
    await settle(opened.simulate);
    expect(cardIds(opened)).toEqual(['a-la-russie', 'femme-en-bleu']);
  });

  it('keeps the cached list and says so when the refresh fails', async () => {
    fakeWx().host = artworksHost();
    await settle(openPage('collection').simulate);
    jest.resetModules();

    fakeWx().host = () => failure('UNAVAILABLE', '数据库暂时不可用');
    const opened = openPage('collection');
    await settle(opened.simulate);

    expect(cardIds(opened)).toHaveLength(3);
    expect(textOf(opened.page.querySelector('#stale-notice'))).toContain('网络不太稳定');
  });
});
