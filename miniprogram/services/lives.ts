import type { Live } from '../types/api';
import { backend, type BackendClient } from './backend';

export interface LivesService {
  list(): Promise<Live[]>;
  /** Records the visitor's wish to be reminded (after the subscribe-message permission). */
  remind(id: string): Promise<void>;
}

export function createLivesService(client: BackendClient = backend): LivesService {
  return {
    list: async () => (await client.callFunction('lives', { action: 'list' })).items,
    remind: async (id) => {
      await client.callFunction('lives', { action: 'remind', id });
    },
  };
}

export const lives: LivesService = createLivesService();
