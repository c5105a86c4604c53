import { makeAutoObservable } from 'mobx-miniprogram';
import { messageOf } from '../services/backend';
import type { Page } from '../types/api';

export type PagedListStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface PageRequest {
  /** Absent for a first page. */
  cursor?: string;
  /** A first page asked by a refresh (start, pull-down) rather than by a new query. */
  refresh: boolean;
}

export interface PageSource<P> {
  fetch(request: PageRequest): Promise<P>;
  /** Sees each first page as it goes on screen (never one a newer request overtook). */
  onFirstPage?(page: P, request: PageRequest): void;
}

/**
 * A list loaded by cursor, a page at a time: first page, next pages, the end, errors and retry.
 * Each first-page request supersedes those before it: their answers, and any next page asked
 * before it, are dropped when they come.
 */
export class PagedList<T extends { id: string }, P extends Page<T> = Page<T>> {
  items: T[] = [];
  nextCursor: string | null = null;
  total = 0;
  status: PagedListStatus = 'idle';
  errorMessage = '';
  loadingMore = false;
  loadMoreFailed = false;
  /** The list on screen came from the last visit, not from the network. */
  fromCache = false;

  private readonly source: PageSource<P>;
  private generation = 0;

  constructor(source: PageSource<P>) {
    this.source = source;
    makeAutoObservable<PagedList<T, P>, 'source' | 'generation'>(this, {
      source: false,
      generation: false,
    });
  }

  get hasMore(): boolean {
    return this.nextCursor !== null;
  }

  /** Start and pull-down: the first page again, the list staying on screen until it comes. */
  refresh(): Promise<void> {
    return this.loadFirstPage(true);
  }

  /** A new query: the list is cleared, then its first page is asked for. */
  reload(): Promise<void> {
    return this.loadFirstPage(false);
  }

  /** The next page, once at a time; a failure keeps the cursor, so calling again retries it. */
  async loadMore(): Promise<void> {
    if (this.nextCursor === null || this.loadingMore || this.status !== 'ready') return;
    const generation = this.generation;
    const request = { cursor: this.nextCursor, refresh: false };
    this.loadingMore = true;
    this.loadMoreFailed = false;
    try {
      const page = await this.source.fetch(request);
      if (generation === this.generation) this.appendPage(page);
    } catch {
      if (generation === this.generation) this.failMore();
    }
  }

  /** Shows a first page kept from the last visit until the network answers. */
  restore(page: Page<T>): void {
    this.showFirstPage(page);
    this.fromCache = true;
  }

  private async loadFirstPage(refresh: boolean): Promise<void> {
    const generation = ++this.generation;
    const request = { refresh };
    this.status = 'loading';
    this.errorMessage = '';
    this.loadingMore = false;
    this.loadMoreFailed = false;
    if (!refresh) this.clear();
    try {
      const page = await this.source.fetch(request);
      if (generation === this.generation) this.receiveFirstPage(page, request);
    } catch (error) {
      if (generation === this.generation) this.fail(messageOf(error));
    }
  }

  private receiveFirstPage(page: P, request: PageRequest): void {
    this.source.onFirstPage?.(page, request);
    this.showFirstPage(page);
  }

  private showFirstPage(page: Page<T>): void {
    this.items = page.items;
    this.nextCursor = page.nextCursor;
    this.total = page.total;
    this.status = 'ready';
    this.fromCache = false;
  }

  private clear(): void {
    this.items = [];
    this.nextCursor = null;
    this.total = 0;
  }

  /** Cursor paging is stable, but an item moved between two requests must not show twice. */
  private appendPage(page: Page<T>): void {
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
