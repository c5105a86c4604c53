import type { Exhibition, ExhibitionPack, ExhibitionSummary } from '../types/api';
import { backend, type BackendClient } from './backend';
import { localExhibition } from './packs';

export interface ExhibitionsService {
  /** Current first, then upcoming, then past; statuses as of the answer. */
  list(): Promise<ExhibitionSummary[]>;
  /** From the exhibition's offline pack when one is on the phone, else from the backend. */
  get(id: string): Promise<Exhibition>;
  /** The offline pack's manifest: every file, its size and SHA-256. */
  pack(id: string): Promise<ExhibitionPack>;
}

export function createExhibitionsService(client: BackendClient = backend): ExhibitionsService {
  return {
    list: async () => (await client.callFunction('exhibitions', { action: 'list' })).items,
    get: async (id) =>
      localExhibition(id) ?? client.callFunction('exhibitions', { action: 'get', id }),
    pack: (id) => client.callFunction('exhibitions', { action: 'pack', id }),
  };
}

export const exhibitions: ExhibitionsService = createExhibitionsService();
