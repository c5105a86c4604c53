import type {
  Access,
  Live,
  LiveStatus,
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
  access: Access;
  example?: string;
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
  'access',
  'example',
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
    // A record seeded before access existed is free.
    access: doc.access ?? { paid: false },
    ...(doc.example ? { example: doc.example } : {}),
  };
}

export function toReplay(
  doc: ReplayDoc,
  mediaUrl: MediaUrl,
  link: { url: string; expiresAt: number; format?: 'mp4' | 'hls' },
  artworks: ArtworkSummaryDoc[],
): Replay {
  const { path: _omitted, ...video } = doc.video;
  const shown = new Set(artworks.map((artwork) => artwork.id));
  return {
    ...toReplaySummary(doc, mediaUrl),
    summary: doc.summary,
    highlights: doc.highlights,
    video: { ...video, format: link.format ?? 'mp4', url: link.url, expiresAt: link.expiresAt },
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

/** A live tour as the database holds it (content/lives/<id>.yaml). */
export interface LiveDoc {
  _id: string;
  id: string;
  published: boolean;
  title: string;
  startsAt: string;
  durationMinutes: number;
  host: string;
  cover: StoredImage;
  summary: string;
  access: Access;
  example?: string;
  channels?: { finderUserName: string; name: string; feedId?: string };
  liveRoom?: { roomId: number };
  replayId?: string;
  unverified: Record<string, string>;
  updatedAt: string;
}

/** When a live starts and ends, in epoch milliseconds. */
export function liveWindow(doc: Pick<LiveDoc, 'startsAt' | 'durationMinutes'>): {
  start: number;
  end: number;
} {
  const start = Date.parse(doc.startsAt);
  return { start, end: start + doc.durationMinutes * 60_000 };
}

export function liveStatus(
  doc: Pick<LiveDoc, 'startsAt' | 'durationMinutes'>,
  now: number,
): LiveStatus {
  const { start, end } = liveWindow(doc);
  return now < start ? 'upcoming' : now < end ? 'live' : 'ended';
}

const STATUS_RANK: Record<LiveStatus, number> = { live: 0, upcoming: 1, ended: 2 };

/** The contract's order: live, then upcoming soonest first, then ended latest first. */
export function orderLives(items: Live[]): Live[] {
  return [...items].sort((a, b) => {
    const rank = STATUS_RANK[a.status] - STATUS_RANK[b.status];
    if (rank !== 0) return rank;
    const difference = Date.parse(a.startsAt) - Date.parse(b.startsAt);
    const ordered = a.status === 'ended' ? -difference : difference;
    return ordered !== 0 ? ordered : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

export function toLive(
  doc: LiveDoc,
  mediaUrl: MediaUrl,
  now: number,
  /** Replay ids a visitor may open: a live names its replay only once that replay is published. */
  replays: ReadonlySet<string>,
): Live {
  const live: Live = {
    id: doc.id,
    title: doc.title,
    startsAt: doc.startsAt,
    durationMinutes: doc.durationMinutes,
    status: liveStatus(doc, now),
    host: doc.host,
    cover: resolveImage(doc.cover, mediaUrl),
    access: doc.access,
    summary: doc.summary,
  };
  if (doc.channels) {
    live.channels = { finderUserName: doc.channels.finderUserName };
    if (doc.channels.feedId) live.channels.feedId = doc.channels.feedId;
    live.channelsName = doc.channels.name;
  }
  if (doc.liveRoom) live.liveRoomId = doc.liveRoom.roomId;
  if (doc.replayId && replays.has(doc.replayId)) live.replayId = doc.replayId;
  if (doc.example) live.example = doc.example;
  return live;
}
