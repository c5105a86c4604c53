import { makeAutoObservable } from 'mobx-miniprogram';
import { messageOf } from '../services/backend';
import { readCache, writeCache } from '../services/cache';
import { replays, type ReplaysService } from '../services/replays';
import type { Page, ReplaySummary } from '../types/api';
import { formatDate, formatLength, formatViewers } from '../utils/format';

export type ReplaysStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What one replay card renders, and nothing else (keeps setData small). */
export interface ReplayCard {
  id: string;
  title: string;
  date: string;
  length: string;
  guide: string;
  viewers: string;
  cover: string;
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
  items: ReplaySummary[] = [];
  nextCursor: string | null = null;
  total = 0;
  status: ReplaysStatus = 'idle';
  errorMessage = '';
  loadingMore = false;
  loadMoreFailed = false;
  /** The list on screen came from the last visit, not from the network. */
  fromCache = false;

  private readonly deps: ReplaysDeps;
  /** A refresh outdates a next page still on its way. */
  private generation = 0;

  constructor(deps: ReplaysDeps = defaultDeps) {
    this.deps = deps;
    makeAutoObservable<ReplaysStore, 'deps' | 'generation'>(this, {
      deps: false,
      generation: false,
    });
  }

  get hasMore(): boolean {
    return this.nextCursor !== null;
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
    this.applyFirstPage(snapshot);
    this.fromCache = true;
    return true;
  }

  retry(): Promise<void> {
    return this.refresh();
  }

  /** Start, pull-to-refresh and retry: the list stays on screen until the answer comes. */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    this.status = 'loading';
    this.errorMessage = '';
    this.loadingMore = false;
    this.loadMoreFailed = false;
    try {
      const page = await this.deps.replays.list({ limit: REPLAYS_PAGE_SIZE });
      if (generation !== this.generation) return;
      this.applyFirstPage(page);
      this.deps.writeSnapshot({
        items: page.items,
        nextCursor: page.nextCursor,
        total: page.total,
      });
    } catch (error) {
      if (generation === this.generation) this.fail(messageOf(error));
    }
  }

  async loadMore(): Promise<void> {
    if (!this.hasMore || this.loadingMore || this.status !== 'ready') return;
    const generation = this.generation;
    this.loadingMore = true;
    this.loadMoreFailed = false;
    try {
      const page = await this.deps.replays.list({
        cursor: this.nextCursor ?? undefined,
        limit: REPLAYS_PAGE_SIZE,
      });
      if (generation === this.generation) this.appendPage(page);
    } catch {
      if (generation === this.generation) this.failMore();
    }
  }

  private applyFirstPage(page: Page<ReplaySummary>): void {
    this.items = page.items;
    this.nextCursor = page.nextCursor;
    this.total = page.total;
    this.status = 'ready';
    this.fromCache = false;
  }

  private appendPage(page: Page<ReplaySummary>): void {
    const seen = new Set(this.items.map((item) => item.id));
    this.items = [...this.items, ...page.items.filter((item) => !seen.has(item.id))];
    this.nextCursor = page.nextCursor;
    this.total = page.total;
    this.loadingMore = false;
  }

  private fail(message: string): void {
    this.status = 'error';
    this.errorMessage = message;
  }

  private failMore(): void {
    this.loadingMore = false;
    this.loadMoreFailed = true;
  }
}

export function createReplaysStore(deps: ReplaysDeps = defaultDeps): ReplaysStore {
  return new ReplaysStore(deps);
}

export const replaysStore = createReplaysStore();
