import type { Exhibition, ExhibitionSummary } from '../types/api';
import { backend, type BackendClient } from './backend';

export interface ExhibitionsService {
  /** Current first, then upcoming, then past; statuses as of the answer. */
  list(): Promise<ExhibitionSummary[]>;
  get(id: string): Promise<Exhibition>;
}

export function createExhibitionsService(client: BackendClient = backend): ExhibitionsService {
  return {
    list: async () => (await client.callFunction('exhibitions', { action: 'list' })).items,
    get: (id) => client.callFunction('exhibitions', { action: 'get', id }),
  };
}

export const exhibitions: ExhibitionsService = createExhibitionsService();
