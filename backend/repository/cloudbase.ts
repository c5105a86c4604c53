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
import { escapeRegExp } from '../domain/text';
import type { ArtworkQuery, CatalogueRepository, VisitorRecord, VisitorRepository } from './types';

/**
 * The part of wx-server-sdk's database this repository uses, typed so that the SDK's own
 * `cloud.database()` fits it as it is (tests fake the boundary with the same shape). The SDK types
 * get/count/end as "a promise, or nothing when a callback was given": see `settled`.
 */
export interface CloudQuery {
  where(filter: Record<string, unknown>): CloudQuery;
  orderBy(field: string, order: 'asc' | 'desc'): CloudQuery;
  limit(count: number): CloudQuery;
  skip(count: number): CloudQuery;
  field(projection: Record<string, boolean>): CloudQuery;
  get(): Promise<{ data: unknown[] }> | void | string;
  count(): Promise<{ total: number }> | void | string;
}

export interface CloudAggregate {
  match(filter: Record<string, unknown>): CloudAggregate;
  group(spec: Record<string, unknown>): CloudAggregate;
  limit(count: number): CloudAggregate;
  end(): Promise<{ list: unknown[] }> | void;
}

export interface CloudDatabase {
  collection(name: string): CloudQuery & { aggregate(): CloudAggregate };
  readonly command: {
    gt(value: unknown): unknown;
    in(values: unknown[]): unknown;
    readonly aggregate: { sum(value: unknown): unknown };
  };
  RegExp(options: { regexp: string; options?: string }): unknown;
}

/** wx-server-sdk answers a promise whenever no callback is passed, as here; anything else is a fault. */
export async function settled<T>(answer: Promise<T> | void | string, what: string): Promise<T> {
  if (answer instanceof Promise) return answer;
  throw new Error(`wx-server-sdk: ${what} did not answer a promise`);
}

/**
 * CloudBase's own caps: a server-side get() answers at most 1,000 documents (100 when no limit is
 * given) and an aggregate 20 groups unless told otherwise; `in` is kept to pages of this size.
 */
export const CLOUD_GET_LIMIT = 1000;
const IN_BATCH = 100;

const fieldsOf = (fields: readonly string[]) =>
  Object.fromEntries(fields.map((field) => [field, true]));
const summaryFields = fieldsOf(SUMMARY_FIELDS);
const replaySummaryFields = fieldsOf(REPLAY_SUMMARY_FIELDS);

/** The production path: CloudBase's document database through wx-server-sdk. */
export class CloudBaseCatalogue implements CatalogueRepository {
  constructor(private readonly db: CloudDatabase) {}

  async listArtworks(query: ArtworkQuery): Promise<{ docs: ArtworkSummaryDoc[]; total: number }> {
    const filter: Record<string, unknown> = { published: true };
    if (query.artistId) filter['artist.id'] = query.artistId;
    if (query.floor) filter['location.floor'] = query.floor;
    if (query.search) filter.search = this.db.RegExp({ regexp: escapeRegExp(query.search) });
    const pageFilter = query.afterSortKey
      ? { ...filter, sortKey: this.db.command.gt(query.afterSortKey) }
      : filter;
    const artworks = () => this.db.collection('artworks');
    const [page, counted] = await Promise.all([
      settled(
        artworks()
          .where(pageFilter)
          .orderBy('sortKey', 'asc')
          .limit(query.limit)
          .field(summaryFields)
          .get(),
        'artworks get',
      ),
      settled(artworks().where(filter).count(), 'artworks count'),
    ]);
    return { docs: page.data as ArtworkSummaryDoc[], total: counted.total };
  }

  async findArtworkById(id: string): Promise<ArtworkDoc | null> {
    return this.findOne({ _id: id, published: true });
  }

  async findArtworkByNumber(number: string): Promise<ArtworkDoc | null> {
    return this.findOne({ number, published: true });
  }

  async listArtists(): Promise<Array<ArtistDoc & { count: number }>> {
    const [artists, grouped] = await Promise.all([
      this.getAll(() => this.db.collection('artists').orderBy('_id', 'asc')),
      settled(
        this.db
          .collection('artworks')
          .aggregate()
          .match({ published: true })
          .group({ _id: '$artist.id', count: this.db.command.aggregate.sum(1) })
          .limit(CLOUD_GET_LIMIT)
          .end(),
        'artworks aggregate',
      ),
    ]);
    const counts = new Map(
      (grouped.list as Array<{ _id: string; count: number }>).map((row) => [row._id, row.count]),
    );
    return (artists as ArtistDoc[])
      .map((artist) => ({ ...artist, count: counts.get(artist.id) ?? 0 }))
      .filter((artist) => artist.count > 0);
  }

  async findArtworks(ids: string[]): Promise<ArtworkDoc[]> {
    return this.artworksByIds<ArtworkDoc>(ids);
  }

  async findArtworkSummaries(ids: string[]): Promise<ArtworkSummaryDoc[]> {
    return this.artworksByIds<ArtworkSummaryDoc>(ids, summaryFields);
  }

  /** Published works among `ids` (in batches the `in` operator takes), in label-number order. */
  private async artworksByIds<T extends { sortKey: string }>(
    ids: string[],
    fields?: Record<string, boolean>,
  ): Promise<T[]> {
    const unique = [...new Set(ids)];
    const batches: string[][] = [];
    for (let start = 0; start < unique.length; start += IN_BATCH) {
      batches.push(unique.slice(start, start + IN_BATCH));
    }
    const results = await Promise.all(
      batches.map((batch) => {
        const query = this.db
          .collection('artworks')
          .where({ _id: this.db.command.in(batch), published: true })
          .limit(batch.length);
        return settled((fields ? query.field(fields) : query).get(), 'artworks get');
      }),
    );
    return (results.flatMap((result) => result.data) as T[]).sort((a, b) =>
      a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0,
    );
  }

  async listReplays(query: {
    afterSortKey?: string;
    limit: number;
  }): Promise<{ docs: ReplaySummaryDoc[]; total: number }> {
    const filter = { published: true };
    const pageFilter = query.afterSortKey
      ? { ...filter, sortKey: this.db.command.gt(query.afterSortKey) }
      : filter;
    const replays = () => this.db.collection('replays');
    const [page, counted] = await Promise.all([
      settled(
        replays()
          .where(pageFilter)
          .orderBy('sortKey', 'asc')
          .limit(query.limit)
          .field(replaySummaryFields)
          .get(),
        'replays get',
      ),
      settled(replays().where(filter).count(), 'replays count'),
    ]);
    return { docs: page.data as ReplaySummaryDoc[], total: counted.total };
  }

  async findReplayById(id: string): Promise<ReplayDoc | null> {
    const result = await settled(
      this.db.collection('replays').where({ _id: id, published: true }).limit(1).get(),
      'replays get',
    );
    return (result.data[0] as ReplayDoc | undefined) ?? null;
  }

  async listExhibitions(): Promise<ExhibitionDoc[]> {
    const docs = await this.getAll(() =>
      this.db.collection('exhibitions').where({ published: true }).orderBy('_id', 'asc'),
    );
    return docs as ExhibitionDoc[];
  }

  async findExhibitionById(id: string): Promise<ExhibitionDoc | null> {
    const result = await settled(
      this.db.collection('exhibitions').where({ _id: id, published: true }).limit(1).get(),
      'exhibitions get',
    );
    return (result.data[0] as ExhibitionDoc | undefined) ?? null;
  }

  async listLives(): Promise<LiveDoc[]> {
    const docs = await this.getAll(() =>
      this.db.collection('lives').where({ published: true }).orderBy('_id', 'asc'),
    );
    return docs as LiveDoc[];
  }

  async findLiveById(id: string): Promise<LiveDoc | null> {
    const result = await settled(
      this.db.collection('lives').where({ _id: id, published: true }).limit(1).get(),
      'lives get',
    );
    return (result.data[0] as LiveDoc | undefined) ?? null;
  }

  /** Every document of an ordered query, a page of CloudBase's maximum at a time. */
  private async getAll(query: () => CloudQuery): Promise<unknown[]> {
    const all: unknown[] = [];
    for (;;) {
      const page = await settled(query().skip(all.length).limit(CLOUD_GET_LIMIT).get(), 'get');
      all.push(...page.data);
      if (page.data.length < CLOUD_GET_LIMIT) return all;
    }
  }

  private async findOne(filter: Record<string, unknown>): Promise<ArtworkDoc | null> {
    const result = await settled(
      this.db.collection('artworks').where(filter).limit(1).get(),
      'artworks get',
    );
    return (result.data[0] as ArtworkDoc | undefined) ?? null;
  }
}

/** One document of a collection by its _id, as wx-server-sdk's `collection(name).doc(id)` is. */
export interface CloudDocument {
  get(): Promise<{ data: unknown }> | void | string;
  set(options: { data: Record<string, unknown> }): Promise<unknown> | void | string;
}

/** The part of wx-server-sdk's database the visitors' records need (`cloud.database()` fits). */
export interface CloudDocuments {
  collection(name: string): { doc(id: string): CloudDocument };
}

export const VISITORS_COLLECTION = 'visitors';

/**
 * The SDK's doc().get() rejects for a document that does not exist (unless the database was made
 * with throwOnNotFound: false, when it answers data: null): both mean "no record yet".
 */
export function isMissingDocument(error: unknown): boolean {
  return /does not exist/i.test(cloudErrorText(error));
}

/** What the SDK said: its errMsg, or the error's message. */
export function cloudErrorText(error: unknown): string {
  if (error && typeof error === 'object' && 'errMsg' in error) return String(error.errMsg);
  return error instanceof Error ? error.message : String(error);
}

/** CloudBase refuses a second document with the same _id ("duplicate key"). */
export const isDuplicateKey = (error: unknown) => /duplicate|E11000/i.test(cloudErrorText(error));

/** Visitors' records in CloudBase: one document per user in `visitors`, its _id the OPENID. */
export class CloudBaseVisitors implements VisitorRepository {
  constructor(private readonly db: CloudDocuments) {}

  async findVisitor(openid: string): Promise<VisitorRecord | null> {
    try {
      const answer = await settled(
        this.db.collection(VISITORS_COLLECTION).doc(openid).get(),
        'visitors doc get',
      );
      const data = answer.data as Omit<VisitorRecord, '_id'> | null;
      return data
        ? { _id: openid, favorites: data.favorites ?? [], updatedAt: data.updatedAt }
        : null;
    } catch (error) {
      if (isMissingDocument(error)) return null;
      throw error;
    }
  }

  async saveVisitor(record: VisitorRecord): Promise<void> {
    // set() replaces the whole document in one write; CloudBase refuses an _id inside `data`.
    const { _id, ...data } = record;
    await settled(
      this.db.collection(VISITORS_COLLECTION).doc(_id).set({ data }),
      'visitors doc set',
    );
  }
}
