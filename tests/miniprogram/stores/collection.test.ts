import { readCache } from '../../../miniprogram/services/cache';
import {
  createCollectionStore,
  FIRST_PAGE_CACHE,
  type FirstPageSnapshot,
} from '../../../miniprogram/stores/collection';
import { artworksHost, failure } from '../support/fake-host';
import { fakeWx, type HostAnswer } from '../support/fake-wx';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('collection store', () => {
  it('keeps only the answer to the latest filter when answers arrive out of order', async () => {
    const host = artworksHost();
    const slow: Array<() => void> = [];
    fakeWx().host = (name, event) =>
      event.q === 'bjs'
        ? new Promise<HostAnswer>((resolve) =>
            slow.push(() => resolve(host(name, event) as HostAnswer)),
          )
        : host(name, event);
    const store = createCollectionStore();

    const first = store.search('bjs');
    const second = store.search('xje');
    await second;
    slow.forEach((answer) => answer());
    await first;

    expect(store.query).toBe('xje');
    expect(store.items.map((item) => item.id)).toEqual(['a-la-russie']);
    expect(store.status).toBe('ready');
  });

  it('caches the unfiltered first page with the artists, never a filtered one', async () => {
    fakeWx().host = artworksHost();
    const store = createCollectionStore();

    await store.start();
    const saved = readCache<FirstPageSnapshot>(FIRST_PAGE_CACHE);
    expect(saved?.page.items.map((item) => item.id)).toEqual([
      'femme-en-bleu',
      'arlequin',
      'a-la-russie',
    ]);
    expect(saved?.artists.map((artist) => artist.count)).toEqual([2, 1]);

    await store.selectArtist('marc-chagall');
    await store.refresh();
    expect(readCache<FirstPageSnapshot>(FIRST_PAGE_CACHE)?.page.total).toBe(3);
  });

  it('reports a failed next page without losing the list, and can try again', async () => {
    const host = artworksHost();
    let down = false;
    fakeWx().host = (name, event) =>
      down ? failure('UNAVAILABLE', '暂时不可用') : host(name, { ...event, limit: 2 });
    const store = createCollectionStore();
    await store.start();

    down = true;
    await store.loadMore();
    expect(store.loadMoreFailed).toBe(true);
    expect(store.items).toHaveLength(2);
    expect(store.status).toBe('ready');

    down = false;
    await store.loadMore();
    expect(store.loadMoreFailed).toBe(false);
    expect(store.items.map((item) => item.id)).toEqual([
      'femme-en-bleu',
      'arlequin',
      'a-la-russie',
    ]);
    expect(store.hasMore).toBe(false);
  });

  it('asks for the next page only once while it is on its way', async () => {
    fakeWx().host = (name, event) => artworksHost()(name, { ...event, limit: 1 });
    const store = createCollectionStore();
    await store.start();

    const requestsBefore = fakeWx().requests.length;
    void store.loadMore();
    void store.loadMore();
    await flush();
    await flush();

    expect(fakeWx().requests.length - requestsBefore).toBe(1);
    expect(store.items).toHaveLength(2);
  });
});
