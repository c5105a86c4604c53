import { promises as fs } from 'fs';
import path from 'path';
import Datastore from '@seald-io/nedb';
import {
  REPLAY_SUMMARY_FIELDS,
  SUMMARY_FIELDS,
  type ArtistDoc,
  type ArtworkDoc,
  type ArtworkSummaryDoc,
  type ReplayDoc,
  type ReplaySummaryDoc,
} from '../domain/catalogue';
import { escapeRegExp } from '../domain/text';
import type { ArtworkQuery, CatalogueRepository } from './types';

const ARTWORKS_FILE = 'artworks.db';
const ARTISTS_FILE = 'artists.db';
const REPLAYS_FILE = 'replays.db';
const CURRENT_FILE = 'CURRENT';

const projection = (fields: readonly string[]) =>
  Object.fromEntries(fields.map((field) => [field, 1]));
const summaryProjection = projection(SUMMARY_FIELDS);
const replaySummaryProjection = projection(REPLAY_SUMMARY_FIELDS);

export interface Catalogue {
  artists: ArtistDoc[];
  artworks: ArtworkDoc[];
  replays: ReplayDoc[];
}

/** The local default: NeDB's file-backed document store, read with the same queries CloudBase gets. */
export class NedbCatalogue implements CatalogueRepository {
  private constructor(
    private readonly artworks: Datastore<ArtworkDoc>,
    private readonly artists: Datastore<ArtistDoc>,
    private readonly replays: Datastore<ReplayDoc>,
  ) {}

  /** Opens the generation that the store's CURRENT file points at. */
  static async open(storeRoot: string): Promise<NedbCatalogue> {
    const generation = await currentGeneration(storeRoot);
    if (!generation) {
      throw new Error(`No catalogue in ${storeRoot}: run \`npm run seed\` first.`);
    }
    return NedbCatalogue.openDirectory(path.join(storeRoot, generation));
  }

  static async openDirectory(dir: string): Promise<NedbCatalogue> {
    const artworks = new Datastore<ArtworkDoc>({ filename: path.join(dir, ARTWORKS_FILE) });
    const artists = new Datastore<ArtistDoc>({ filename: path.join(dir, ARTISTS_FILE) });
    const replays = new Datastore<ReplayDoc>({ filename: path.join(dir, REPLAYS_FILE) });
    await Promise.all([
      artworks.loadDatabaseAsync(),
      artists.loadDatabaseAsync(),
      replays.loadDatabaseAsync(),
    ]);
    await Promise.all([
      artworks.ensureIndexAsync({ fieldName: 'sortKey', unique: true }),
      artworks.ensureIndexAsync({ fieldName: 'number', unique: true }),
      replays.ensureIndexAsync({ fieldName: 'sortKey', unique: true }),
    ]);
    return new NedbCatalogue(artworks, artists, replays);
  }

  async listArtworks(query: ArtworkQuery): Promise<{ docs: ArtworkSummaryDoc[]; total: number }> {
    const filter: Record<string, unknown> = { published: true };
    if (query.artistId) filter['artist.id'] = query.artistId;
    if (query.floor) filter['location.floor'] = query.floor;
    if (query.search) filter.search = { $regex: new RegExp(escapeRegExp(query.search)) };
    const pageFilter = query.afterSortKey
      ? { ...filter, sortKey: { $gt: query.afterSortKey } }
      : filter;
    const [docs, total] = await Promise.all([
      this.artworks
        .findAsync(pageFilter, summaryProjection)
        .sort({ sortKey: 1 })
        .limit(query.limit),
      this.artworks.countAsync(filter),
    ]);
    return { docs: docs as unknown as ArtworkSummaryDoc[], total };
  }

  async findArtworkById(id: string): Promise<ArtworkDoc | null> {
    return (await this.artworks.findOneAsync({ _id: id, published: true })) ?? null;
  }

  async findArtworkByNumber(number: string): Promise<ArtworkDoc | null> {
    return (await this.artworks.findOneAsync({ number, published: true })) ?? null;
  }

  async listArtists(): Promise<Array<ArtistDoc & { count: number }>> {
    const [artists, published] = await Promise.all([
      this.artists.findAsync({}).sort({ _id: 1 }),
      this.artworks.findAsync({ published: true }, { 'artist.id': 1 }),
    ]);
    const counts = new Map<string, number>();
    for (const doc of published) counts.set(doc.artist.id, (counts.get(doc.artist.id) ?? 0) + 1);
    return artists
      .map((artist) => ({ ...artist, count: counts.get(artist.id) ?? 0 }))
      .filter((artist) => artist.count > 0);
  }

  async findArtworkSummaries(ids: string[]): Promise<ArtworkSummaryDoc[]> {
    const docs = await this.artworks
      .findAsync({ _id: { $in: ids }, published: true }, summaryProjection)
      .sort({ sortKey: 1 });
    return docs as unknown as ArtworkSummaryDoc[];
  }

  async listReplays(query: {
    afterSortKey?: string;
    limit: number;
  }): Promise<{ docs: ReplaySummaryDoc[]; total: number }> {
    const filter = { published: true };
    const pageFilter = query.afterSortKey
      ? { ...filter, sortKey: { $gt: query.afterSortKey } }
      : filter;
    const [docs, total] = await Promise.all([
      this.replays
        .findAsync(pageFilter, replaySummaryProjection)
        .sort({ sortKey: 1 })
        .limit(query.limit),
      this.replays.countAsync(filter),
    ]);
    return { docs: docs as unknown as ReplaySummaryDoc[], total };
  }

  async findReplayById(id: string): Promise<ReplayDoc | null> {
    return (await this.replays.findOneAsync({ _id: id, published: true })) ?? null;
  }
}

async function currentGeneration(storeRoot: string): Promise<string | null> {
  try {
    const name = (await fs.readFile(path.join(storeRoot, CURRENT_FILE), 'utf8')).trim();
    return name || null;
  } catch {
    return null;
  }
}

/**
 * Writes a catalogue as a new generation of the store and then switches CURRENT to it with an atomic
 * rename, so a reader never sees half a catalogue. A generation named after the same fingerprint is
 * reused, which makes a second start with unchanged content nearly free.
 */
export async function seedLocalStore(
  storeRoot: string,
  catalogue: Catalogue,
  fingerprint: string,
): Promise<{ generation: string; reused: boolean }> {
  const generation = `gen-${fingerprint}`;
  const target = path.join(storeRoot, generation);
  await fs.mkdir(storeRoot, { recursive: true });
  const current = await currentGeneration(storeRoot);
  const reused = current === generation && (await exists(path.join(target, ARTWORKS_FILE)));
  if (!reused) {
    const staging = `${target}.tmp-${process.pid}`;
    await fs.rm(staging, { recursive: true, force: true });
    await fs.mkdir(staging, { recursive: true });
    const artworks = new Datastore({ filename: path.join(staging, ARTWORKS_FILE) });
    const artists = new Datastore({ filename: path.join(staging, ARTISTS_FILE) });
    const replays = new Datastore({ filename: path.join(staging, REPLAYS_FILE) });
    const stores = [artworks, artists, replays];
    await Promise.all(stores.map((store) => store.loadDatabaseAsync()));
    await artworks.insertAsync(catalogue.artworks);
    await artists.insertAsync(catalogue.artists);
    await replays.insertAsync(catalogue.replays);
    await Promise.all(stores.map((store) => store.compactDatafileAsync()));
    await fs.rm(target, { recursive: true, force: true });
    await fs.rename(staging, target);
    const pointer = path.join(storeRoot, `${CURRENT_FILE}.tmp-${process.pid}`);
    await fs.writeFile(pointer, `${generation}\n`);
    await fs.rename(pointer, path.join(storeRoot, CURRENT_FILE));
  }
  for (const entry of await fs.readdir(storeRoot)) {
    if (entry.startsWith('gen-') && entry !== generation && !entry.includes('.tmp-')) {
      await fs.rm(path.join(storeRoot, entry), { recursive: true, force: true });
    }
  }
  return { generation, reused };
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
