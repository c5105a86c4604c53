import type {
  ArtistRef,
  ChapterArtwork,
  Replay,
  ReplayChapter,
  ReplaySummary,
  Artwork,
  ArtworkAudio,
  ArtworkLocation,
  ArtworkSource,
  ArtworkSummary,
  LocalizedName,
  MediaImage,
  ReplayMoment,
  TranscriptCue,
} from '../../miniprogram/types/api';

/** Media as stored: a path under the media root; the URL is made per deployment when answering. */
export interface StoredImage {
  path: string;
  width: number;
  height: number;
  /** Size and SHA-256 (hex) of the file, measured when content is loaded: offline packs list them. */
  bytes: number;
  sha256: string;
}

export type StoredAudio = Omit<ArtworkAudio, 'url'> & { path: string; sha256: string };

/** An artwork as the database holds it: the full record plus the keys used to page and search. */
export interface ArtworkDoc {
  _id: string;
  id: string;
  number: string;
  title: LocalizedName;
  artist: ArtistRef;
  year: string;
  medium: string;
  dimensions: string;
  inventoryNumber: string | null;
  sources: ArtworkSource[];
  location: ArtworkLocation;
  image: StoredImage;
  thumbnail: StoredImage;
  description: string;
  audio: StoredAudio | null;
  transcript: TranscriptCue[];
  replayMoments: ReplayMoment[];
  unverified: Record<string, string>;
  published: boolean;
  /** Made by DEMO_ARTWORKS to load the host with a big catalogue; never a museum record. */
  generated?: true;
  updatedAt: string;
  sortKey: string;
  search: string;
}

export interface ArtistDoc {
  _id: string;
  id: string;
  name: LocalizedName;
  lifespan: string;
  bio: string;
}

export interface ReplayDoc {
  _id: string;
  id: string;
  title: string;
  date: string;
  duration: number;
  viewers: number;
  guide: string;
  cover: StoredImage;
  summary: string;
  highlights: string[];
  video: {
    path: string;
    duration: number;
    width: number;
    height: number;
    demo: boolean;
    note: string;
  };
  chapters: ReplayChapter[];
  unverified: Record<string, string>;
  published: boolean;
  updatedAt: string;
  sortKey: string;
}

/** An exhibition as the database holds it: where works can be seen, with its tours and plan. */
export interface ExhibitionDoc {
  _id: string;
  id: string;
  published: boolean;
  title: string;
  venue: string;
  city: string;
  startDate: string;
  endDate: string;
  cover: StoredImage;
  description: string;
  notice?: string;
  works: Array<{ number: string; artworkId: string; floor?: string; room?: string }>;
  tours: Array<{ id: string; title: string; description: string; stops: string[] }>;
  map?: { image: StoredImage; pins: Array<{ artworkId: string; x: number; y: number }> };
  unverified: Record<string, string>;
  updatedAt: string;
}

export const REPLAY_SUMMARY_FIELDS = [
  'id',
  'title',
  'date',
  'duration',
  'viewers',
  'guide',
  'cover',
  'sortKey',
] as const;

export type ReplaySummaryDoc = Pick<ReplayDoc, (typeof REPLAY_SUMMARY_FIELDS)[number]>;

/** Newest first under an ascending sort: the key inverts the date. */
export function replaySortKey(date: string, id: string): string {
  const inverted = 99999999 - Number(date.replace(/-/g, ''));
  return `${String(inverted).padStart(8, '0')}:${id}`;
}

/** Fields a list page needs; everything else stays in the database. */
export const SUMMARY_FIELDS = [
  'id',
  'number',
  'title',
  'artist',
  'year',
  'thumbnail',
  'audio',
  'sortKey',
] as const;

export type ArtworkSummaryDoc = Pick<ArtworkDoc, (typeof SUMMARY_FIELDS)[number]>;

export type MediaUrl = (path: string) => string;

function resolveImage(image: StoredImage, mediaUrl: MediaUrl): MediaImage {
  return { url: mediaUrl(image.path), width: image.width, height: image.height };
}

export function toSummary(doc: ArtworkSummaryDoc, mediaUrl: MediaUrl): ArtworkSummary {
  return {
    id: doc.id,
    number: doc.number,
    title: doc.title,
    artistName: doc.artist.name,
    year: doc.year,
    thumbnail: resolveImage(doc.thumbnail, mediaUrl),
    audioDuration: doc.audio ? doc.audio.duration : null,
  };
}

export function toArtwork(doc: ArtworkDoc, mediaUrl: MediaUrl): Artwork {
  const { path: audioPath, sha256: _digest, ...audio } = doc.audio ?? { path: '', sha256: '' };
  return {
    id: doc.id,
    number: doc.number,
    title: doc.title,
    artist: doc.artist,
    year: doc.year,
    medium: doc.medium,
    dimensions: doc.dimensions,
    inventoryNumber: doc.inventoryNumber,
    sources: doc.sources,
    location: doc.location,
    image: resolveImage(doc.image, mediaUrl),
    thumbnail: resolveImage(doc.thumbnail, mediaUrl),
    description: doc.description,
    audio: doc.audio ? ({ ...audio, url: mediaUrl(audioPath) } as ArtworkAudio) : null,
    transcript: doc.transcript,
    replayMoments: doc.replayMoments,
    unverified: doc.unverified,
    published: doc.published,
    updatedAt: doc.updatedAt,
  };
}

export function toReplaySummary(doc: ReplaySummaryDoc, mediaUrl: MediaUrl): ReplaySummary {
  return {
    id: doc.id,
    title: doc.title,
    date: doc.date,
    duration: doc.duration,
    guide: doc.guide,
    viewers: doc.viewers,
    cover: resolveImage(doc.cover, mediaUrl),
  };
}

export function toReplay(
  doc: ReplayDoc,
  mediaUrl: MediaUrl,
  link: { url: string; expiresAt: number },
  artworks: ArtworkSummaryDoc[],
): Replay {
  const { path: _omitted, ...video } = doc.video;
  const shown = new Set(artworks.map((artwork) => artwork.id));
  return {
    ...toReplaySummary(doc, mediaUrl),
    summary: doc.summary,
    highlights: doc.highlights,
    video: { ...video, url: link.url, expiresAt: link.expiresAt },
    // A chapter only names artworks the visitor may open.
    chapters: doc.chapters.map((chapter) => ({
      ...chapter,
      artworkIds: chapter.artworkIds.filter((id) => shown.has(id)),
    })),
    artworks: artworks.map((artwork): ChapterArtwork => ({
      id: artwork.id,
      title: artwork.title,
      artistName: artwork.artist.name,
      thumbnail: resolveImage(artwork.thumbnail, mediaUrl),
    })),
    published: doc.published,
    updatedAt: doc.updatedAt,
  };
}
