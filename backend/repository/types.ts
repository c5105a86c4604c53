import type {
  ArtistDoc,
  ArtworkDoc,
  ArtworkSummaryDoc,
  ExhibitionDoc,
  LiveDoc,
  ReplayDoc,
  ReplaySummaryDoc,
} from '../domain/catalogue';

export interface ArtworkQuery {
  artistId?: string;
  floor?: string;
  /** Folded query (see foldForSearch), matched as a substring of the search key. */
  search?: string;
  /** Return only records after this sort key (keyset paging). */
  afterSortKey?: string;
  limit: number;
}

/**
 * Read access to the catalogue. Every method sees published records only: unpublished content
 * never leaves the repository, whichever database is behind it.
 */
export interface CatalogueRepository {
  listArtworks(query: ArtworkQuery): Promise<{ docs: ArtworkSummaryDoc[]; total: number }>;
  findArtworkById(id: string): Promise<ArtworkDoc | null>;
  findArtworkByNumber(number: string): Promise<ArtworkDoc | null>;
  listArtists(): Promise<Array<ArtistDoc & { count: number }>>;
  /** Published artworks among these ids, full records, in label-number order (offline packs). */
  findArtworks(ids: string[]): Promise<ArtworkDoc[]>;
  /** Published artworks among these ids, in label-number order. */
  findArtworkSummaries(ids: string[]): Promise<ArtworkSummaryDoc[]>;
  listReplays(query: {
    afterSortKey?: string;
    limit: number;
  }): Promise<{ docs: ReplaySummaryDoc[]; total: number }>;
  findReplayById(id: string): Promise<ReplayDoc | null>;
  /** Every published exhibition (a museum has tens, not thousands), in no particular order. */
  listExhibitions(): Promise<ExhibitionDoc[]>;
  findExhibitionById(id: string): Promise<ExhibitionDoc | null>;
  /** Every published live tour (tens at most), in no particular order. */
  listLives(): Promise<LiveDoc[]>;
  findLiveById(id: string): Promise<LiveDoc | null>;
}

/** One favourite: the work and when it was added (ISO 8601). */
export interface FavoriteEntry {
  artworkId: string;
  at: string;
}

/** What one WeChat user keeps, keyed by their OPENID; favourites newest first. */
export interface VisitorRecord {
  _id: string;
  favorites: FavoriteEntry[];
  updatedAt: string;
}

/**
 * Visitors' own records. A record is always written whole, in one operation, so a reader never
 * sees half of a change.
 */
export interface VisitorRepository {
  findVisitor(openid: string): Promise<VisitorRecord | null>;
  saveVisitor(record: VisitorRecord): Promise<void>;
}
