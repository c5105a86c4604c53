import { readCache } from '../../../miniprogram/services/cache';
import { createReplaysStore, REPLAYS_FIRST_PAGE_CACHE } from '../../../miniprogram/stores/replays';
import type { Page, ReplaySummary } from '../../../miniprogram/types/api';
import { replaysHost } from '../support/fake-host';
import { fakeWx, type HostAnswer } from '../support/fake-wx';

describe('replays store', () => {
  it('caches the first page only, for the next warm start', async () => {
    const host = replaysHost();
    fakeWx().host = (name, event) => host(name, { ...event, limit: 2 });
    const store = createReplaysStore();

    await store.start();
    await store.loadMore();

    expect(store.items).toHaveLength(3);
    const saved = readCache<Page<ReplaySummary>>(REPLAYS_FIRST_PAGE_CACHE);
    expect(saved?.items.map((item) => item.id)).toEqual([
      'first-livestream-2020',
      'kandinsky-evening',
    ]);
    expect(saved?.nextCursor).toBe('2');
  });

  it('drops a next page that a refresh overtook', async () => {
    const host = replaysHost();
    const slow: Array<() => void> = [];
    fakeWx().host = (name, event) =>
      event.cursor
        ? new Promise<HostAnswer>((resolve) =>
            slow.push(() => resolve(host(name, { ...event, limit: 2 }) as HostAnswer)),
          )
        : host(name, { ...event, limit: 2 });
    const store = createReplaysStore();
    await store.start();

    const more = store.loadMore();
    await store.refresh();
    slow.forEach((answer) => answer());
    await more;

    expect(store.items.map((item) => item.id)).toEqual([
      'first-livestream-2020',
      'kandinsky-evening',
    ]);
    expect(store.loadingMore).toBe(false);
  });
});
