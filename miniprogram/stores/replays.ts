import { makeAutoObservable } from 'mobx-miniprogram';
import { readCache, writeCache } from '../services/cache';
import { replays, type ReplaysService } from '../services/replays';
import type { Page, ReplaySummary } from '../types/api';
import { formatDate, formatLength, formatPrice, formatViewers } from '../utils/format';
import { PagedList, type PagedListStatus } from './paged-list';

export type ReplaysStatus = PagedListStatus;

/** What one replay card renders, and nothing else (keeps setData small). */
export interface ReplayCard {
  id: string;
  title: string;
  date: string;
  length: string;
  guide: string;
  viewers: string;
  cover: string;
  /** "¥9.90" for a paid replay, empty when free. */
  price: string;
  example: string;
}

export const REPLAYS_PAGE_SIZE = 10;
export const REPLAYS_FIRST_PAGE_CACHE = 'replays.firstPage';

export interface ReplaysDeps {
  replays: ReplaysService;
  readSnapshot(): Page<ReplaySummary> | undefined;
  writeSnapshot(page: Page<ReplaySummary>): void;
}

const defaultDeps: ReplaysDeps = {
  replays,
  readSnapshot: () => readCache<Page<ReplaySummary>>(REPLAYS_FIRST_PAGE_CACHE),
  writeSnapshot: (page) => writeCache(REPLAYS_FIRST_PAGE_CACHE, page),
};

export class ReplaysStore {
  readonly list: PagedList<ReplaySummary>;

  private readonly deps: ReplaysDeps;

  constructor(deps: ReplaysDeps = defaultDeps) {
    this.deps = deps;
    this.list = new PagedList({
      fetch: ({ cursor }) => this.deps.replays.list({ cursor, limit: REPLAYS_PAGE_SIZE }),
      onFirstPage: ({ items, nextCursor, total }) =>
        this.deps.writeSnapshot({ items, nextCursor, total }),
    });
    makeAutoObservable<ReplaysStore, 'deps'>(this, { deps: false, list: false });
  }

  get items(): ReplaySummary[] {
    return this.list.items;
  }

  get nextCursor(): string | null {
    return this.list.nextCursor;
  }

  get total(): number {
    return this.list.total;
  }

  get status(): ReplaysStatus {
    return this.list.status;
  }

  get errorMessage(): string {
    return this.list.errorMessage;
  }

  get loadingMore(): boolean {
    return this.list.loadingMore;
  }

  get loadMoreFailed(): boolean {
    return this.list.loadMoreFailed;
  }

  get hasMore(): boolean {
    return this.list.hasMore;
  }

  get cards(): ReplayCard[] {
    return this.items.map((item) => ({
      id: item.id,
      title: item.title,
      date: formatDate(item.date),
      length: formatLength(item.duration),
      guide: item.guide,
      viewers: formatViewers(item.viewers),
      cover: item.cover.url,
      // A snapshot cached before access existed has none: free.
      price: item.access?.paid ? formatPrice(item.access.price) : '',
      example: item.example ?? '',
    }));
  }

  /** Warm start: the last first page on screen at once, then the network's answer. */
  async start(): Promise<void> {
    this.restoreSnapshot();
    await this.refresh();
  }

  restoreSnapshot(): boolean {
    const snapshot = this.deps.readSnapshot();
    if (!snapshot || !Array.isArray(snapshot.items)) return false;
    this.list.restore(snapshot);
    return true;
  }

  retry(): Promise<void> {
    return this.refresh();
  }

  /** Start, pull-to-refresh and retry: the list stays on screen until the answer comes. */
  refresh(): Promise<void> {
    return this.list.refresh();
  }

  loadMore(): Promise<void> {
    return this.list.loadMore();
  }
}

export function createReplaysStore(deps: ReplaysDeps = defaultDeps): ReplaysStore {
  return new ReplaysStore(deps);
}

export const replaysStore = createReplaysStore();
