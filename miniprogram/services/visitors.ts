import type { Favorites } from '../types/api';
import { backend, type BackendClient } from './backend';

/** The caller's own favourites; the backend knows who calls, so no id is ever sent. */
export interface VisitorsService {
  /** Artwork ids, newest favourite first. */
  favorites(): Promise<Favorites>;
  /** Adds or removes one; answers the whole list as it now is. */
  favorite(artworkId: string, on: boolean): Promise<Favorites>;
}

export function createVisitorsService(client: BackendClient = backend): VisitorsService {
  return {
    favorites: () => client.callFunction('visitors', { action: 'favorites' }),
    favorite: (artworkId, on) =>
      client.callFunction('visitors', { action: 'favorite', artworkId, on }),
  };
}

export const visitors: VisitorsService = createVisitorsService();
