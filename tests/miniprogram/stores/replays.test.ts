import { readCache } from '../../../miniprogram/services/cache';
import { createReplaysStore, REPLAYS_FIRST_PAGE_CACHE } from '../../../miniprogram/stores/replays';
import type { Page, ReplaySummary } from '../../../miniprogram/types/api';
import { holdAnswers } from '../support/fake-host';
import { fakeWx } from '../support/fake-wx';
import { realHost } from '../support/real-host';

/** The extended catalogue's replays, newest first, served two to a page. */
const ARCHIVE = [
  'first-livestream-2020',
  'first-livestream-2020-highlights',
  'kandinsky-evening-2020',
  'chagall-morning-2019',
];

describe('replays store', () => {
  it('caches the first page only, with its cursor, for the next warm start', async () => {
    fakeWx().host = realHost({ catalogue: 'extended', pageSize: 2 });
    const store = createReplaysStore();

    await store.start();
    const firstCursor = store.nextCursor;
    await store.loadMore();

    expect(store.items.map((item) => item.id)).toEqual(ARCHIVE);
    expect(store.hasMore).toBe(false);
    const saved = readCache<Page<ReplaySummary>>(REPLAYS_FIRST_PAGE_CACHE);
    expect(saved?.items.map((item) => item.id)).toEqual(ARCHIVE.slice(0, 2));
    expect(saved?.nextCursor).toEqual(expect.any(String));
    expect(saved?.nextCursor).toBe(firstCursor);
  });

  it('drops a next page that a refresh overtook', async () => {
    const slow = holdAnswers(
      realHost({ catalogue: 'extended', pageSize: 2 }),
      (_name, event) => event.cursor !== undefined,
    );
    fakeWx().host = slow.host;
    const store = createReplaysStore();
    await store.start();

    const more = store.loadMore();
    await store.refresh();
    slow.release();
    await more;

    expect(store.items.map((item) => item.id)).toEqual(ARCHIVE.slice(0, 2));
    expect(store.loadingMore).toBe(false);
  });
});
