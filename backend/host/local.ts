import path from 'path';
import { loadCatalogue } from '../content/load';
import { localMediaUrl } from '../domain/media';
import { createArtworksMain } from '../functions/artworks';
import { NedbCatalogue, seedLocalStore } from '../repository/nedb';
import type { FunctionMain } from './app';

export const ROOT_DIR = path.resolve(__dirname, '../..');
export const CONTENT_DIR = path.join(ROOT_DIR, 'content');
export const MEDIA_DIR = path.join(CONTENT_DIR, 'media');
export const STORE_DIR = process.env.STORE_DIR ?? path.join(ROOT_DIR, '.local', 'store');

export interface LocalSettings {
  port: number;
  host: string;
  /** The address the mini program uses to reach this host (media URLs are built on it). */
  publicUrl: string;
}

export function localSettings(env: NodeJS.ProcessEnv = process.env): LocalSettings {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  }
  const host = env.HOST ?? '127.0.0.1';
  return { port, host, publicUrl: env.PUBLIC_URL ?? `http://${host}:${port}` };
}

/** Validates content/ and writes it into the embedded store; unchanged content is not rewritten. */
export async function seedFromContent(contentDir = CONTENT_DIR, storeDir = STORE_DIR) {
  const catalogue = await loadCatalogue(contentDir);
  const result = await seedLocalStore(storeDir, catalogue, catalogue.fingerprint);
  return { ...result, artworks: catalogue.artworks.length, artists: catalogue.artists.length };
}

/** The cloud function handlers wired to the embedded store, as the local host serves them. */
export async function localFunctions(
  storeDir: string,
  publicUrl: string,
): Promise<Record<string, FunctionMain>> {
  const repository = await NedbCatalogue.open(storeDir);
  const mediaUrl = localMediaUrl(publicUrl);
  return {
    artworks: createArtworksMain({
      repository,
      mediaUrl,
      logError: (error) => console.error(error),
    }),
  };
}
