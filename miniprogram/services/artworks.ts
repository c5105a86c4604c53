import type { Artist, Artwork, ArtworkListEvent, ArtworkListPage } from '../types/api';
import { backend, type BackendClient } from './backend';
import { localArtwork, localArtworkByNumber } from './packs';

export type ListQuery = Omit<ArtworkListEvent, 'action'>;

export interface ArtworksService {
  list(query?: ListQuery): Promise<ArtworkListPage>;
  get(id: string): Promise<Artwork>;
  /** The work with this label number in that exhibition (without one: the current exhibition). */
  byNumber(number: string, exhibitionId?: string): Promise<Artwork>;
  artists(): Promise<Artist[]>;
}

export function createArtworksService(client: BackendClient = backend): ArtworksService {
  return {
    list: (query = {}) =>
      client.callFunction('artworks', { action: 'list', ...withoutEmpty(query) }),
    // A work in an offline pack on the phone is read from it: no network needed, nothing to wait for.
    get: async (id) => localArtwork(id) ?? client.callFunction('artworks', { action: 'get', id }),
    byNumber: async (number, exhibitionId) =>
      (exhibitionId ? localArtworkByNumber(number, exhibitionId) : null) ??
      client.callFunction('artworks', {
        action: 'byNumber',
        number,
        ...(exhibitionId ? { exhibitionId } : {}),
      }),
    artists: () => client.callFunction('artworks', { action: 'artists' }),
  };
}

/** Empty filters are left out, so the backend sees only what the visitor chose. */
function withoutEmpty(query: ListQuery): ListQuery {
  const out: ListQuery = {};
  if (query.artist) out.artist = query.artist;
  if (query.floor) out.floor = query.floor;
  if (query.q && query.q.trim()) out.q = query.q.trim();
  if (query.cursor) out.cursor = query.cursor;
  if (query.limit) out.limit = query.limit;
  if (query.withArtists) out.withArtists = true;
  return out;
}

export const artworks: ArtworksService = createArtworksService();
