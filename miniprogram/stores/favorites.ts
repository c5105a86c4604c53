import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import { isBackendError } from '../services/backend';
import { readCache, writeCache } from '../services/cache';
import { artworks, type ArtworksService } from '../services/artworks';
import { visitors, type VisitorsService } from '../services/visitors';
import type { Artwork } from '../types/api';

export const FAVORITES_STORAGE = 'favorites';

/** What the 我的 list shows of a favourite, kept from when the visitor saw the work. */
export interface FavoriteCard {
  id: string;
  title: string;
  artist: string;
  cover: string;
}

/** A change made on this phone that the backend has not confirmed yet. */
interface PendingChange {
  artworkId: string;
  on: boolean;
}

interface Saved {
  ids: string[];
  cards: Record<string, FavoriteCard>;
  pending: PendingChange[];
}

export interface FavoritesDeps {
  visitors: VisitorsService;
  /** For favourites made on another phone: their titles and pictures. */
  artworks: Pick<ArtworksService, 'get'>;
  read(): Saved | undefined;
  write(saved: Saved): void;
}

const defaultDeps: FavoritesDeps = {
  visitors,
  artworks,
  read: () => readCache<Saved>(FAVORITES_STORAGE),
  write: (saved) => writeCache(FAVORITES_STORAGE, saved),
};

function cardOf(artwork: Artwork): FavoriteCard {
  return {
    id: artwork.id,
    title: artwork.title.zh,
    artist: artwork.artist.name.zh,
    cover: artwork.thumbnail.url,
  };
}

/** The whole list after these changes, newest first: how an offline change is merged, not lost. */
function apply(ids: string[], changes: PendingChange[]): string[] {
  let result = [...ids];
  for (const change of changes) {
    result = result.filter((id) => id !== change.artworkId);
    if (change.on) result.unshift(change.artworkId);
  }
  return result;
}

/**
 * The visitor's favourites, local first: a tap shows at once and is kept on the phone, then sent;
 * with no network the changes wait and go, in order, the next time the list is synced.
 */
export class FavoritesStore {
  ids: string[] = [];
  cards: Record<string, FavoriteCard> = {};
  pending: PendingChange[] = [];
  private started = false;
  private syncing: Promise<void> | null = null;
  private readonly deps: FavoritesDeps;

  constructor(deps: FavoritesDeps = defaultDeps) {
    this.deps = deps;
    makeAutoObservable<FavoritesStore, 'deps' | 'started' | 'syncing'>(this, {
      deps: false,
      started: false,
      syncing: false,
    });
  }

  /** The saved list, read once per launch; then, on every call (launch, each show of 我的), a sync (never rejects). */
  start(): Promise<void> {
    if (!this.started) {
      this.started = true;
      const saved = this.deps.read();
      if (saved) {
        this.ids = saved.ids;
        this.cards = saved.cards;
        this.pending = saved.pending;
      }
    }
    return this.sync();
  }

  has(id: string): boolean {
    return this.ids.includes(id);
  }

  get favoriteCards(): FavoriteCard[] {
    return this.ids.flatMap((id) => {
      const card = this.cards[id];
      return card ? [card] : [];
    });
  }

  /** ♡ on a work: shown and kept at once, sent when the network allows (never rejects). */
  toggle(artwork: Artwork): Promise<void> {
    return this.toggleCard(cardOf(artwork));
  }

  /** ♡ on a list's card, which carries what 我的 shows of the work. */
  toggleCard(card: FavoriteCard): Promise<void> {
    const on = !this.has(card.id);
    this.pending.push({ artworkId: card.id, on });
    this.ids = apply(this.ids, [{ artworkId: card.id, on }]);
    if (on) this.cards[card.id] = card;
    this.save();
    return this.sync();
  }

  /** Sends what waits, then takes the backend's list with anything still waiting on top. */
  sync(): Promise<void> {
    this.syncing ??= this.runSync().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  private async runSync(): Promise<void> {
    try {
      let confirmed: string[] | undefined;
      for (;;) {
        const change = this.pending[0];
        if (!change) break;
        try {
          confirmed = (await this.deps.visitors.favorite(change.artworkId, change.on)).items;
        } catch (error) {
          // A work that is gone (unpublished) cannot be a favourite: that change is dropped.
          if (!isBackendError(error) || error.code !== 'NOT_FOUND') throw error;
        }
        runInAction(() => {
          this.pending.shift();
        });
        this.save();
      }
      confirmed ??= (await this.deps.visitors.favorites()).items;
      const items = confirmed;
      runInAction(() => {
        this.ids = apply(items, this.pending);
      });
      this.save();
      for (const id of this.ids.filter((candidate) => !this.cards[candidate])) {
        this.keepCard(await this.deps.artworks.get(id));
      }
    } catch {
      // Offline or refused: the list stays as the visitor left it, and the changes wait.
    }
  }

  private keepCard(artwork: Artwork): void {
    this.cards[artwork.id] = cardOf(artwork);
    this.save();
  }

  private save(): void {
    this.deps.write({ ids: this.ids, cards: this.cards, pending: this.pending });
  }
}

export const favoritesStore = new FavoritesStore();
