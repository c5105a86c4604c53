import { promises as fs } from 'fs';
import path from 'path';
import Datastore from '@seald-io/nedb';
import {
  REPLAY_SUMMARY_FIELDS,
  SUMMARY_FIELDS,
  type ArtistDoc,
  type ArtworkDoc,
  type ArtworkSummaryDoc,
  type ExhibitionDoc,
  type LiveDoc,
  type ReplayDoc,
  type ReplaySummaryDoc,
} from '../domain/catalogue';
import type { ArtworkQuery, CatalogueRepository, VisitorRecord, VisitorRepository } from './types';

const ARTWORKS_FILE = 'artworks.db';
const ARTISTS_FILE = 'artists.db';
const REPLAYS_FILE = 'replays.db';
const EXHIBITIONS_FILE = 'exhibitions.db';
const LIVES_FILE = 'lives.db';
const CURRENT_FILE = 'CURRENT';
const STAGING_MARK = '.tmp-';

export interface Catalogue {
  artists: ArtistDoc[];
  artworks: ArtworkDoc[];
  replays: ReplayDoc[];
  /** Optional: a catalogue without exhibitions is one whose works are not placed anywhere yet. */
  exhibitions?: ExhibitionDoc[];
  /** Optional: live tours (content/lives). */
  lives?: LiveDoc[];
}

function pick<T extends object, K extends keyof T>(doc: T, fields: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const field of fields) out[field] = doc[field];
  return out;
}

const bySortKey = (a: { sortKey: string }, b: { sortKey: string }) =>
  a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0;

/** Index of the first entry whose sortKey is greater than `after` (entries sorted by sortKey). */
function firstAfter(sorted: readonly { sortKey: string }[], after: string | undefined): number {
  if (after === undefined) return 0;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as { sortKey: string }).sortKey <= after) low = middle + 1;
    else high = middle;
  }
  return low;
}

function pageOf<T extends { sortKey: string }>(
  sorted: readonly T[],
  afterSortKey: string | undefined,
  limit: number,
): { docs: T[]; total: number } {
  const start = firstAfter(sorted, afterSortKey);
  return { docs: sorted.slice(start, start + limit), total: sorted.length };
}

/** How many filtered artwork lists (artist, floor, search) are kept between calls. */
const FILTER_CACHE_SIZE = 200;

/**
 * The local default: NeDB's file-backed document store. The host only reads it (`npm run seed`
 * writes a new generation), so the published records are also kept ready in the orders the
 * functions page through — list, filter and search cost a binary search and a slice, not a scan
 * and a sort — and single records are read from NeDB through its indexes.
 */
export class NedbCatalogue implements CatalogueRepository {
  /** Published artwork summaries in sortKey order: the collection as every list pages it. */
  private readonly summaries: ArtworkSummaryDoc[];
  private readonly searchKeys = new Map<string, string>();
  private readonly summaryById = new Map<string, ArtworkSummaryDoc>();
  private readonly filtered = new Map<string, ArtworkSummaryDoc[]>();
  private readonly artistsWithCounts: Array<ArtistDoc & { count: number }>;
  private readonly replaySummaries: ReplaySummaryDoc[];
  private readonly mediaPaths = new Set<string>();
  private readonly exhibitions: ExhibitionDoc[];
  private readonly lives: LiveDoc[];

  private constructor(
    private readonly artworks: Datastore<ArtworkDoc>,
    private readonly replays: Datastore<ReplayDoc>,
    published: {
      artworks: ArtworkDoc[];
      artists: ArtistDoc[];
      replays: ReplayDoc[];
      exhibitions: ExhibitionDoc[];
      lives: LiveDoc[];
    },
  ) {
    const sortedWorks = [...published.artworks].sort(bySortKey);
    this.summaries = sortedWorks.map((doc) => pick(doc, SUMMARY_FIELDS));
    const counts = new Map<string, number>();
    for (const [index, doc] of sortedWorks.entries()) {
      const summary = this.summaries[index] as ArtworkSummaryDoc;
      this.searchKeys.set(doc.id, doc.search);
      this.summaryById.set(doc.id, summary);
      counts.set(doc.artist.id, (counts.get(doc.artist.id) ?? 0) + 1);
      this.mediaPaths.add(doc.image.path).add(doc.thumbnail.path);
      if (doc.audio) this.mediaPaths.add(doc.audio.path);
    }
    this.artistsWithCounts = [...published.artists]
      .sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
      .map((artist) => ({ ...artist, count: counts.get(artist.id) ?? 0 }))
      .filter((artist) => artist.count > 0);
    const sortedReplays = [...published.replays].sort(bySortKey);
    this.replaySummaries = sortedReplays.map((doc) => pick(doc, REPLAY_SUMMARY_FIELDS));
    for (const doc of sortedReplays) this.mediaPaths.add(doc.cover.path).add(doc.video.path);
    this.exhibitions = published.exhibitions.map(deepFreeze);
    for (const doc of this.exhibitions) {
      this.mediaPaths.add(doc.cover.path);
      if (doc.map) this.mediaPaths.add(doc.map.image.path);
    }
    this.lives = published.lives.map(deepFreeze);
    for (const doc of this.lives) this.mediaPaths.add(doc.cover.path);
  }

  /** Opens the generation that the store's CURRENT file points at. */
  static async open(storeRoot: string): Promise<NedbCatalogue> {
    const generation = await currentGeneration(storeRoot);
    if (!generation) {
      throw new Error(`No catalogue in ${storeRoot}: run \`npm run seed\` first.`);
    }
    return NedbCatalogue.openDirectory(path.join(storeRoot, generation));
  }

  /**
   * Reads a generation without writing to it. (NeDB's own loadDatabase compacts, that is rewrites,
   * the file on every load; the host must leave a seeded store as it found it.)
   */
  static async openDirectory(dir: string): Promise<NedbCatalogue> {
    const [artworkDocs, artistDocs, replayDocs, exhibitionDocs, liveDocs] = await Promise.all([
      readDatafile<ArtworkDoc>(path.join(dir, ARTWORKS_FILE)),
      readDatafile<ArtistDoc>(path.join(dir, ARTISTS_FILE)),
      readDatafile<ReplayDoc>(path.join(dir, REPLAYS_FILE)),
      readDatafile<ExhibitionDoc>(path.join(dir, EXHIBITIONS_FILE), { optional: true }),
      readDatafile<LiveDoc>(path.join(dir, LIVES_FILE), { optional: true }),
    ]);
    const artworks = new Datastore<ArtworkDoc>({ inMemoryOnly: true });
    const replays = new Datastore<ReplayDoc>({ inMemoryOnly: true });
    await Promise.all([
      artworks.ensureIndexAsync({ fieldName: 'number', unique: true }),
      artworks.ensureIndexAsync({ fieldName: 'sortKey', unique: true }),
      replays.ensureIndexAsync({ fieldName: 'sortKey', unique: true }),
    ]);
    await artworks.insertAsync(artworkDocs);
    await replays.insertAsync(replayDocs);
    return new NedbCatalogue(artworks, replays, {
      artworks: await artworks.findAsync({ published: true }),
      artists: artistDocs,
      replays: await replays.findAsync({ published: true }),
      exhibitions: exhibitionDocs.filter((doc) => doc.published === true),
      lives: liveDocs.filter((doc) => doc.published === true),
    });
  }

  async listArtworks(query: ArtworkQuery): Promise<{ docs: ArtworkSummaryDoc[]; total: number }> {
    return pageOf(this.matching(query), query.afterSortKey, query.limit);
  }

  /** The published works a filter keeps, in sortKey order; recent filters are kept ready. */
  private matching(query: ArtworkQuery): ArtworkSummaryDoc[] {
    const { artistId, floor, search } = query;
    if (!artistId && !floor && !search) return this.summaries;
    const key = JSON.stringify([artistId ?? '', floor ?? '', search ?? '']);
    const cached = this.filtered.get(key);
    if (cached) {
      // Most recently used last, so the oldest is the first one evicted.
      this.filtered.delete(key);
      this.filtered.set(key, cached);
      return cached;
    }
    const floorOf = floor ? this.floors() : undefined;
    const result = this.summaries.filter(
      (doc) =>
        (!artistId || doc.artist.id === artistId) &&
        (!floorOf || floorOf.get(doc.id) === floor) &&
        (!search || (this.searchKeys.get(doc.id) ?? '').includes(search)),
    );
    this.filtered.set(key, result);
    if (this.filtered.size > FILTER_CACHE_SIZE) {
      const oldest = this.filtered.keys().next();
      if (!oldest.done) this.filtered.delete(oldest.value);
    }
    return result;
  }

  private floorById?: Map<string, string>;

  /** Floors are only needed by the floor filter: read once from the full records, on first use. */
  private floors(): Map<string, string> {
    if (!this.floorById) {
      this.floorById = new Map();
      for (const doc of this.artworks.getAllData()) {
        if (doc.published) this.floorById.set(doc.id, doc.location.floor);
      }
    }
    return this.floorById;
  }

  async findArtworkById(id: string): Promise<ArtworkDoc | null> {
    return (await this.artworks.findOneAsync({ _id: id, published: true })) ?? null;
  }

  async findArtworkByNumber(number: string): Promise<ArtworkDoc | null> {
    return (await this.artworks.findOneAsync({ number, published: true })) ?? null;
  }

  async listArtists(): Promise<Array<ArtistDoc & { count: number }>> {
    return this.artistsWithCounts.map((artist) => ({ ...artist }));
  }

  async findArtworks(ids: string[]): Promise<ArtworkDoc[]> {
    const wanted = [...new Set(ids)];
    const docs = await this.artworks.findAsync({ _id: { $in: wanted }, published: true });
    return docs.sort(bySortKey);
  }

  async findArtworkSummaries(ids: string[]): Promise<ArtworkSummaryDoc[]> {
    const found = new Set<ArtworkSummaryDoc>();
    for (const id of ids) {
      const summary = this.summaryById.get(id);
      if (summary) found.add(summary);
    }
    return [...found].sort(bySortKey);
  }

  async listReplays(query: {
    afterSortKey?: string;
    limit: number;
  }): Promise<{ docs: ReplaySummaryDoc[]; total: number }> {
    return pageOf(this.replaySummaries, query.afterSortKey, query.limit);
  }

  async findReplayById(id: string): Promise<ReplayDoc | null> {
    return (await this.replays.findOneAsync({ _id: id, published: true })) ?? null;
  }

  // The exhibitions are frozen when the store opens, so they are handed out as they are: byNumber
  // reads them on every call, and a copy of a 10,000-work exhibition each time would cost ~13 ms.
  async listExhibitions(): Promise<ExhibitionDoc[]> {
    return [...this.exhibitions];
  }

  async findExhibitionById(id: string): Promise<ExhibitionDoc | null> {
    return this.exhibitions.find((doc) => doc.id === id) ?? null;
  }

  async listLives(): Promise<LiveDoc[]> {
    return [...this.lives];
  }

  async findLiveById(id: string): Promise<LiveDoc | null> {
    return this.lives.find((doc) => doc.id === id) ?? null;
  }

  /** Whether a published artwork, replay or exhibition refers to this media path (e.g. `images/x.jpg`). */
  isPublishedMedia(relativePath: string): boolean {
    return this.mediaPaths.has(relativePath);
  }
}

/** Freezes an object and everything it holds: shared read-only state no caller can change. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The documents of a NeDB datafile, read the way NeDB reads it: one JSON document per line, a later
 * line for the same _id replaces an earlier one, `$$deleted` removes it, index lines are skipped.
 */
async function readDatafile<T extends { _id: string }>(
  file: string,
  options: { optional?: boolean } = {},
): Promise<T[]> {
  const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    // A generation seeded before exhibitions existed has no such file: it has none.
    if (options.optional && error.code === 'ENOENT') return '';
    throw error;
  });
  const docs = new Map<string, T>();
  for (const [index, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new Error(`${file}: line ${index + 1} is not a document; run \`npm run seed\` again.`);
    }
    const doc = parsed as T & { $$deleted?: boolean; $$indexCreated?: unknown };
    if (doc.$$indexCreated !== undefined) continue;
    if (doc.$$deleted) docs.delete(doc._id);
    else docs.set(doc._id, doc);
  }
  return [...docs.values()];
}

async function currentGeneration(storeRoot: string): Promise<string | null> {
  try {
    const name = (await fs.readFile(path.join(storeRoot, CURRENT_FILE), 'utf8')).trim();
    return name || null;
  } catch {
    return null;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Staging folders and pointer files left by a seed that was interrupted (its process is gone). */
async function removeAbandonedStaging(storeRoot: string): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of await fs.readdir(storeRoot)) {
    const mark = entry.lastIndexOf(STAGING_MARK);
    if (mark < 0) continue;
    const pid = Number(entry.slice(mark + STAGING_MARK.length));
    if (Number.isInteger(pid) && pid !== process.pid && processIsAlive(pid)) continue;
    await fs.rm(path.join(storeRoot, entry), { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}

/**
 * Writes a catalogue as a new generation of the store and then switches CURRENT to it with an atomic
 * rename, so a reader never sees half a catalogue. A generation named after the same fingerprint is
 * kept as it is: a second start with unchanged content writes nothing. What an interrupted seed left
 * behind is removed first; on failure this seed's own staging folder is removed too.
 */
export async function seedLocalStore(
  storeRoot: string,
  catalogue: Catalogue,
  fingerprint: string,
): Promise<{ generation: string; reused: boolean }> {
  const generation = `gen-${fingerprint}`;
  const target = path.join(storeRoot, generation);
  await fs.mkdir(storeRoot, { recursive: true });
  await removeAbandonedStaging(storeRoot);
  const current = await currentGeneration(storeRoot);
  const reused = current === generation && (await exists(path.join(target, ARTWORKS_FILE)));
  if (!reused) {
    const staging = `${target}${STAGING_MARK}${process.pid}`;
    try {
      await writeGeneration(staging, catalogue);
      await fs.rm(target, { recursive: true, force: true });
      await fs.rename(staging, target);
      const pointer = path.join(storeRoot, `${CURRENT_FILE}${STAGING_MARK}${process.pid}`);
      await fs.writeFile(pointer, `${generation}\n`);
      await fs.rename(pointer, path.join(storeRoot, CURRENT_FILE));
    } catch (error) {
      await removeAbandonedStaging(storeRoot);
      throw error;
    }
  }
  for (const entry of await fs.readdir(storeRoot)) {
    if (entry.startsWith('gen-') && entry !== generation && !entry.includes(STAGING_MARK)) {
      await fs.rm(path.join(storeRoot, entry), { recursive: true, force: true });
    }
  }
  return { generation, reused };
}

async function writeGeneration(dir: string, catalogue: Catalogue): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  const artworks = new Datastore({ filename: path.join(dir, ARTWORKS_FILE) });
  const artists = new Datastore({ filename: path.join(dir, ARTISTS_FILE) });
  const replays = new Datastore({ filename: path.join(dir, REPLAYS_FILE) });
  const exhibitions = new Datastore({ filename: path.join(dir, EXHIBITIONS_FILE) });
  const lives = new Datastore({ filename: path.join(dir, LIVES_FILE) });
  const stores = [artworks, artists, replays, exhibitions, lives];
  await Promise.all(stores.map((store) => store.loadDatabaseAsync()));
  await artworks.insertAsync(catalogue.artworks);
  await artists.insertAsync(catalogue.artists);
  await replays.insertAsync(catalogue.replays);
  await exhibitions.insertAsync(catalogue.exhibitions ?? []);
  await lives.insertAsync(catalogue.lives ?? []);
  await Promise.all(stores.map((store) => store.compactDatafileAsync()));
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Visitors' records in a writable NeDB file of their own, apart from the read-only catalogue
 * generations. NeDB appends each change as one line and compacts the file through a temporary
 * copy and a rename when it loads, so a record is either written whole or not at all. The file is
 * opened on first use: a host that is never asked about visitors never creates it.
 */
export class NedbVisitors implements VisitorRepository {
  private loaded?: Promise<Datastore<VisitorRecord>>;

  constructor(private readonly filename: string) {}

  private store(): Promise<Datastore<VisitorRecord>> {
    if (!this.loaded) {
      const loading = (async () => {
        const store = new Datastore<VisitorRecord>({ filename: this.filename });
        await store.loadDatabaseAsync();
        return store;
      })();
      // A failed load (an unreadable file) is tried again on the next call, not kept.
      loading.catch(() => {
        if (this.loaded === loading) this.loaded = undefined;
      });
      this.loaded = loading;
    }
    return this.loaded;
  }

  async findVisitor(openid: string): Promise<VisitorRecord | null> {
    return (await (await this.store()).findOneAsync({ _id: openid })) ?? null;
  }

  async saveVisitor(record: VisitorRecord): Promise<void> {
    await (await this.store()).updateAsync({ _id: record._id }, record, { upsert: true });
  }
}
