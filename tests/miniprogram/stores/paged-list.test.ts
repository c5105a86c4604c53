import { BackendError, ERROR_MESSAGES } from '../../../miniprogram/services/backend';
import { PagedList, type PageRequest } from '../../../miniprogram/stores/paged-list';
import type { Page } from '../../../miniprogram/types/api';

interface Item {
  id: string;
}

interface Asked {
  request: PageRequest;
  answer(page: Page<Item>): void;
  fail(error: unknown): void;
}

/** A source whose every request waits until the test answers it, in any order. */
function heldSource() {
  const asked: Asked[] = [];
  const firstPages: Array<{ ids: string[]; refresh: boolean }> = [];
  const list = new PagedList<Item>({
    fetch: (request) =>
      new Promise<Page<Item>>((resolve, reject) => {
        asked.push({ request, answer: resolve, fail: reject });
      }),
    onFirstPage: (page, request) =>
      firstPages.push({ ids: page.items.map((item) => item.id), refresh: request.refresh }),
  });
  const request = (index: number): Asked => {
    const found = asked.at(index);
    if (!found) throw new Error(`no request at ${index}: ${asked.length} asked`);
    return found;
  };
  return { list, asked, firstPages, request };
}

function page(ids: string[], nextCursor: string | null, total = 6): Page<Item> {
  return { items: ids.map((id) => ({ id })), nextCursor, total };
}

const ids = (list: PagedList<Item>) => list.items.map((item) => item.id);

describe('paged list', () => {
  it('shows the first page, then appends the next ones until the cursor runs out', async () => {
    const { list, asked, request } = heldSource();
    expect(list.status).toBe('idle');

    const first = list.refresh();
    expect(list.status).toBe('loading');
    expect(request(0).request).toEqual({ refresh: true });
    request(0).answer(page(['a', 'b'], 'c1'));
    await first;
    expect(list.status).toBe('ready');
    expect(ids(list)).toEqual(['a', 'b']);
    expect(list.hasMore).toBe(true);

    const more = list.loadMore();
    expect(list.loadingMore).toBe(true);
    expect(request(1).request).toEqual({ cursor: 'c1', refresh: false });
    request(1).answer(page(['c', 'd'], null));
    await more;
    expect(ids(list)).toEqual(['a', 'b', 'c', 'd']);
    expect(list.loadingMore).toBe(false);
    expect(list.hasMore).toBe(false);

    await list.loadMore();
    expect(asked).toHaveLength(2);
  });

  it('ignores the answer of a query a newer one superseded, whenever it comes', async () => {
    const { list, request, firstPages } = heldSource();
    const older = list.reload();
    const newer = list.reload();

    request(1).answer(page(['new'], null, 1));
    await newer;
    request(0).answer(page(['old'], null, 1));
    await older;

    expect(ids(list)).toEqual(['new']);
    expect(list.status).toBe('ready');
    expect(firstPages).toEqual([{ ids: ['new'], refresh: false }]);
  });

  it('ignores the failure of a superseded query', async () => {
    const { list, request } = heldSource();
    const older = list.reload();
    const newer = list.reload();

    request(0).fail(new BackendError('UNAVAILABLE'));
    await older;
    expect(list.status).toBe('loading');

    request(1).answer(page(['new'], null, 1));
    await newer;
    expect(list.status).toBe('ready');
    expect(list.errorMessage).toBe('');
  });

  it('drops a next page that a refresh overtook', async () => {
    const { list, request } = heldSource();
    const first = list.refresh();
    request(0).answer(page(['a'], 'c1'));
    await first;

    const more = list.loadMore();
    const again = list.refresh();
    expect(list.loadingMore).toBe(false);
    request(2).answer(page(['a2'], 'c2'));
    await again;
    request(1).answer(page(['b'], null));
    await more;

    expect(ids(list)).toEqual(['a2']);
    expect(list.nextCursor).toBe('c2');
    expect(list.loadingMore).toBe(false);
  });

  it('keeps the list and the cursor when a next page fails, and retries from that cursor', async () => {
    const { list, request } = heldSource();
    const first = list.refresh();
    request(0).answer(page(['a'], 'c1'));
    await first;

    const failed = list.loadMore();
    request(1).fail(new BackendError('UNAVAILABLE'));
    await failed;
    expect(list.loadMoreFailed).toBe(true);
    expect(list.loadingMore).toBe(false);
    expect(list.status).toBe('ready');
    expect(ids(list)).toEqual(['a']);

    const retried = list.loadMore();
    expect(list.loadMoreFailed).toBe(false);
    expect(request(2).request).toEqual({ cursor: 'c1', refresh: false });
    request(2).answer(page(['b'], null));
    await retried;
    expect(ids(list)).toEqual(['a', 'b']);
  });

  it('asks for one next page at a time, and none before the first page is on screen', async () => {
    const { list, asked, request } = heldSource();
    const first = list.refresh();
    await list.loadMore();
    expect(asked).toHaveLength(1);
    request(0).answer(page(['a'], 'c1'));
    await first;

    const more = list.loadMore();
    await list.loadMore();
    expect(asked).toHaveLength(2);
    request(1).answer(page(['b'], null));
    await more;
  });

  it('says why the first page failed, and a retry clears the error', async () => {
    const { list, request, asked } = heldSource();
    const first = list.refresh();
    request(0).fail(new BackendError('INTERNAL'));
    await first;
    expect(list.status).toBe('error');
    expect(list.errorMessage).toBe(ERROR_MESSAGES.INTERNAL);
    await list.loadMore();
    expect(asked).toHaveLength(1);

    const retry = list.refresh();
    expect(list.status).toBe('loading');
    expect(list.errorMessage).toBe('');
    request(1).answer(page(['a'], null, 1));
    await retry;
    expect(list.status).toBe('ready');
  });

  it('keeps the list on screen during a refresh, and clears it for a new query', async () => {
    const { list, request } = heldSource();
    const first = list.refresh();
    request(0).answer(page(['a', 'b'], 'c1'));
    await first;

    const refresh = list.refresh();
    expect(ids(list)).toEqual(['a', 'b']);
    request(1).answer(page(['a', 'b'], 'c1'));
    await refresh;

    const reload = list.reload();
    expect(ids(list)).toEqual([]);
    expect(list.total).toBe(0);
    expect(list.hasMore).toBe(false);
    request(2).answer(page(['x'], null, 1));
    await reload;
    expect(ids(list)).toEqual(['x']);
  });

  it('shows a kept page until the network answers, and keeps it when the network fails', async () => {
    const { list, request, firstPages } = heldSource();
    list.restore(page(['a'], 'c1', 4));
    expect(list.status).toBe('ready');
    expect(list.fromCache).toBe(true);
    expect(firstPages).toEqual([]);

    const failed = list.refresh();
    request(0).fail(new BackendError('UNAVAILABLE'));
    await failed;
    expect(list.status).toBe('error');
    expect(ids(list)).toEqual(['a']);
    expect(list.fromCache).toBe(true);

    const fresh = list.refresh();
    request(1).answer(page(['a', 'b'], null, 2));
    await fresh;
    expect(list.fromCache).toBe(false);
    expect(ids(list)).toEqual(['a', 'b']);
  });

  it('does not show an item twice when it moved between two pages', async () => {
    const { list, request } = heldSource();
    const first = list.refresh();
    request(0).answer(page(['a', 'b'], 'c1'));
    await first;

    const more = list.loadMore();
    request(1).answer(page(['b', 'c'], null));
    await more;
    expect(ids(list)).toEqual(['a', 'b', 'c']);
  });
});
