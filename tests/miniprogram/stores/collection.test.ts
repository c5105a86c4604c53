import { readCache } from '../../../miniprogram/services/cache';
import {
  createCollectionStore,
  FIRST_PAGE_CACHE,
  type FirstPageSnapshot,
} from '../../../miniprogram/stores/collection';
import { failure, holdAnswers } from '../support/fake-host';
import { fakeWx } from '../support/fake-wx';
import { hostAnswered, realHost } from '../support/real-host';

const flush = async () => {
  await hostAnswered();
  await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('collection store', () => {
  it('keeps only the answer to the latest filter when answers arrive out of order', async () => {
    const slow = holdAnswers(realHost(), (_name, event) => event.q === 'bjs');
    fakeWx().host = slow.host;
    const store = createCollectionStore();

    const first = store.search('bjs');
    const second = store.search('xje');
    await second;
    slow.release();
    await first;

    expect(store.query).toBe('xje');
    expect(store.items.map((item) => item.title.zh)).toEqual([
      '致俄罗斯、驴子和其他人',
      '举杯双人像',
      '埃菲尔铁塔下的新人',
      '在她周围',
    ]);
    expect(store.status).toBe('ready');
  });

  it('caches the unfiltered first page with the artists, never a filtered one', async () => {
    const store = createCollectionStore();

    await store.start();
    const saved = readCache<FirstPageSnapshot>(FIRST_PAGE_CACHE);
    expect(saved?.page.items).toHaveLength(13);
    expect(saved?.page.items[0]?.title.zh).toBe('吉他手');
    expect(saved?.artists.map((artist) => [artist.name.zh, artist.count])).toEqual([
      ['马克·夏加尔', 4],
      ['瓦西里·康定斯基', 5],
      ['巴勃罗·毕加索', 4],
    ]);

    await store.selectArtist('chagall');
    expect(store.total).toBe(4);
    await store.refresh();
    expect(readCache<FirstPageSnapshot>(FIRST_PAGE_CACHE)?.page.total).toBe(13);
  });

  it('reports a failed next page without losing the list, and can try again', async () => {
    const host = realHost({ pageSize: 5 });
    let down = false;
    fakeWx().host = (name, event) =>
      down ? failure('UNAVAILABLE', '暂时不可用') : host(name, event);
    const store = createCollectionStore();
    await store.start();

    down = true;
    await store.loadMore();
    expect(store.loadMoreFailed).toBe(true);
    expect(store.items).toHaveLength(5);
    expect(store.status).toBe('ready');

    down = false;
    await store.loadMore();
    expect(store.loadMoreFailed).toBe(false);
    expect(store.items.map((item) => item.number)).toEqual([
      '501',
      '502',
      '503',
      '504',
      '511',
      '512',
      '513',
      '514',
      '521',
      '522',
    ]);
    await store.loadMore();
    expect(store.items).toHaveLength(13);
    expect(store.hasMore).toBe(false);
  });

  it('asks for the next page only once while it is on its way', async () => {
    fakeWx().host = realHost({ pageSize: 1 });
    const store = createCollectionStore();
    await store.start();

    const requestsBefore = fakeWx().requests.length;
    void store.loadMore();
    void store.loadMore();
    await flush();
    await flush();

    expect(fakeWx().requests.length - requestsBefore).toBe(1);
    expect(store.items.map((item) => item.number)).toEqual(['501', '502']);
  });
});
