import { makeAutoObservable } from 'mobx-miniprogram';
import { messageOf } from '../services/backend';
import { artworks, type ArtworksService } from '../services/artworks';
import { readCache, writeCache } from '../services/cache';
import type { Artist, ArtworkListPage, ArtworkSummary, Page } from '../types/api';
import { formatDuration, heightFor } from '../utils/format';

export type CollectionStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What one list card renders, and nothing else (keeps setData small). */
export interface ArtworkCard {
  id: string;
  number: string;
  title: string;
  original: string;
  artist: string;
  year: string;
  thumb: string;
  thumbHeight: number;
  duration: string;
}

export interface ArtistChip {
  id: string;
  label: string;
  count: number;
}

export const PAGE_SIZE = 20;
export const THUMB_WIDTH_RPX = 200;
export const FIRST_PAGE_CACHE = 'collection.firstPage';

export interface FirstPageSnapshot {
  page: Page<ArtworkSummary>;
  artists: Artist[];
}

export interface CollectionDeps {
  artworks: ArtworksService;
  readSnapshot(): FirstPageSnapshot | undefined;
  writeSnapshot(snapshot: FirstPageSnapshot): void;
}

const defaultDeps: CollectionDeps = {
  artworks,
  readSnapshot: () => readCache<FirstPageSnapshot>(FIRST_PAGE_CACHE),
  writeSnapshot: (snapshot) => writeCache(FIRST_PAGE_CACHE, snapshot),
};

export class CollectionStore {
  artists: Artist[] = [];
  /** Artist id; '' shows every artist. */
  selectedArtist = '';
  query = '';
  items: ArtworkSummary[] = [];
  nextCursor: string | null = null;
  total = 0;
  status: CollectionStatus = 'idle';
  errorMessage = '';
  loadingMore = false;
  loadMoreFailed = false;
  /** The list on screen came from the last visit, not from the network. */
  fromCache = false;

  private readonly deps: CollectionDeps;
  /** Only the latest first-page request may write its answer (typing fires several). */
  private generation = 0;

  constructor(deps: CollectionDeps = defaultDeps) {
    this.deps = deps;
    makeAutoObservable<CollectionStore, 'deps' | 'generation'>(this, {
      deps: false,
      generation: false,
    });
  }

  get hasMore(): boolean {
    return this.nextCursor !== null;
  }

  get isFiltered(): boolean {
    return this.selectedArtist !== '' || this.query.trim() !== '';
  }

  get cards(): ArtworkCard[] {
    return this.items.map((item) => ({
      id: item.id,
      number: item.number,
      title: item.title.zh,
      original: item.title.original,
      artist: item.artistName.zh,
      year: item.year,
      thumb: item.thumbnail.url,
      thumbHeight: heightFor(item.thumbnail, THUMB_WIDTH_RPX),
      duration: formatDuration(item.audioDuration),
    }));
  }

  get chips(): ArtistChip[] {
    const all = this.artists.reduce((sum, artist) => sum + artist.count, 0);
    return [
      { id: '', label: '全部', count: all },
      ...this.artists.map((artist) => ({
        id: artist.id,
        label: artist.name.zh,
        count: artist.count,
      })),
    ];
  }

  /** Warm start: the last first page on screen at once, then the network's answer. */
  async start(): Promise<void> {
    this.restoreSnapshot();
    await this.refresh();
  }

  restoreSnapshot(): boolean {
    const snapshot = this.deps.readSnapshot();
    if (!snapshot || !Array.isArray(snapshot.page?.items)) return false;
    this.artists = snapshot.artists ?? [];
    this.applyFirstPage(snapshot.page);
    this.fromCache = true;
    return true;
  }

  selectArtist(artistId: string): Promise<void> {
    if (artistId === this.selectedArtist && this.status !== 'error') return Promise.resolve();
    this.selectedArtist = artistId;
    return this.loadFirstPage();
  }

  search(query: string): Promise<void> {
    const next = query.trim();
    if (next === this.query.trim() && this.status !== 'error') {
      this.query = query;
      return Promise.resolve();
    }
    this.query = query;
    return this.loadFirstPage();
  }

  retry(): Promise<void> {
    return this.artists.length === 0 ? this.refresh() : this.loadFirstPage();
  }

  /** Pull-to-refresh and start: the first page and the artist chips, in one backend call. */
  async refresh(): Promise<void> {
    await this.loadFirstPage(true);
    this.saveSnapshot();
  }

  /**
   * A new filter clears the list; a refresh keeps it on screen until the answer comes. The artists
   * ride along with an unfiltered first page, so a cold start costs a single call.
   */
  async loadFirstPage(keepItems = false): Promise<void> {
    const generation = ++this.generation;
    this.status = 'loading';
    this.errorMessage = '';
    this.loadMoreFailed = false;
    this.loadingMore = false;
    if (!keepItems) this.clearItems();
    try {
      const page = await this.deps.artworks.list({
        artist: this.selectedArtist,
        q: this.query,
        limit: PAGE_SIZE,
        withArtists: keepItems || this.artists.length === 0,
      });
      if (generation !== this.generation) return;
      if (page.artists) this.setArtists(page.artists);
      this.applyFirstPage(page);
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
      const page = await this.deps.artworks.list({
        artist: this.selectedArtist,
        q: this.query,
        cursor: this.nextCursor ?? undefined,
        limit: PAGE_SIZE,
      });
      if (generation === this.generation) this.appendPage(page);
    } catch {
      if (generation === this.generation) this.failMore();
    }
  }

  private setArtists(artists: Artist[]): void {
    this.artists = artists;
  }

  private clearItems(): void {
    this.items = [];
    this.nextCursor = null;
    this.total = 0;
  }

  private applyFirstPage(page: ArtworkListPage): void {
    this.items = page.items;
    this.nextCursor = page.nextCursor;
    this.total = page.total;
    this.status = 'ready';
    this.fromCache = false;
  }

  private appendPage(page: Page<ArtworkSummary>): void {
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

  /** Only the unfiltered first page is what a warm start shows. */
  private saveSnapshot(): void {
    if (this.status !== 'ready' || this.isFiltered) return;
    this.deps.writeSnapshot({
      page: { items: this.items, nextCursor: this.nextCursor, total: this.total },
      artists: this.artists,
    });
  }
}

export function createCollectionStore(deps: CollectionDeps = defaultDeps): CollectionStore {
  return new CollectionStore(deps);
}

export const collectionStore = createCollectionStore();
