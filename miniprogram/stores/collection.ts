import { makeAutoObservable } from 'mobx-miniprogram';
import { artworks, type ArtworksService } from '../services/artworks';
import { readCache, writeCache } from '../services/cache';
import type { Artist, ArtworkListPage, ArtworkSummary, Page } from '../types/api';
import { formatDuration, heightFor } from '../utils/format';
import { exhibitionsStore } from './exhibitions';
import { favoritesStore } from './favorites';
import { PagedList, type PagedListStatus } from './paged-list';

export type CollectionStatus = PagedListStatus;

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
  /** ♥ on the card: the visitor keeps this work. */
  favorite: boolean;
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
  readonly list: PagedList<ArtworkSummary, ArtworkListPage>;

  private readonly deps: CollectionDeps;

  constructor(deps: CollectionDeps = defaultDeps) {
    this.deps = deps;
    this.list = new PagedList({
      fetch: ({ cursor, refresh }) =>
        this.deps.artworks.list({
          artist: this.selectedArtist,
          q: this.query,
          cursor,
          limit: PAGE_SIZE,
          // The chips' artists ride along with a refreshed first page, or any while none are known.
          withArtists: cursor === undefined && (refresh || this.artists.length === 0),
        }),
      onFirstPage: (page, { refresh }) => this.receiveFirstPage(page, refresh),
    });
    makeAutoObservable<CollectionStore, 'deps'>(this, { deps: false, list: false });
  }

  get items(): ArtworkSummary[] {
    return this.list.items;
  }

  get nextCursor(): string | null {
    return this.list.nextCursor;
  }

  get total(): number {
    return this.list.total;
  }

  get status(): CollectionStatus {
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

  get isFiltered(): boolean {
    return this.selectedArtist !== '' || this.query.trim() !== '';
  }

  get cards(): ArtworkCard[] {
    return this.items.map((item) => ({
      id: item.id,
      // The label the visitor sees on the wall of the exhibition they chose ('' when it is not there).
      number: exhibitionsStore.selected
        ? (exhibitionsStore.workIn(item.id)?.number ?? '')
        : item.number,
      title: item.title.zh,
      original: item.title.original,
      artist: item.artistName.zh,
      year: item.year,
      thumb: item.thumbnail.url,
      thumbHeight: heightFor(item.thumbnail, THUMB_WIDTH_RPX),
      duration: formatDuration(item.audioDuration),
      favorite: favoritesStore.ids.includes(item.id),
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
    this.list.restore(snapshot.page);
    return true;
  }

  selectArtist(artistId: string): Promise<void> {
    if (artistId === this.selectedArtist && this.status !== 'error') return Promise.resolve();
    this.selectedArtist = artistId;
    return this.list.reload();
  }

  search(query: string): Promise<void> {
    const next = query.trim();
    if (next === this.query.trim() && this.status !== 'error') {
      this.query = query;
      return Promise.resolve();
    }
    this.query = query;
    return this.list.reload();
  }

  retry(): Promise<void> {
    return this.artists.length === 0 ? this.refresh() : this.list.reload();
  }

  /** Start and pull-down: the first page and the artist chips, in one backend call. */
  refresh(): Promise<void> {
    return this.list.refresh();
  }

  loadMore(): Promise<void> {
    return this.list.loadMore();
  }

  private receiveFirstPage(page: ArtworkListPage, refresh: boolean): void {
    if (page.artists) this.artists = page.artists;
    // Only a refreshed, unfiltered first page is what a warm start shows.
    if (refresh && !this.isFiltered) {
      this.deps.writeSnapshot({
        page: { items: page.items, nextCursor: page.nextCursor, total: page.total },
        artists: this.artists,
      });
    }
  }
}

export function createCollectionStore(deps: CollectionDeps = defaultDeps): CollectionStore {
  return new CollectionStore(deps);
}

export const collectionStore = createCollectionStore();
