// Offline packs on the phone: where their files live, what the saved index says, and the pages'
// data read back from a complete pack. The download itself is the offline store's job.
import type {
  Artwork,
  Exhibition,
  ExhibitionStatus,
  ExhibitionSummary,
  PackFileKind,
} from '../types/api';
import { readCache, writeCache } from './cache';

/**
 * WeChat keeps at most 200 MB of local files per mini program (user files and saved files together;
 * 开发文档 › 框架 › 能力 › 文件系统). A pack must fit in what is left.
 */
export const LOCAL_FILE_LIMIT_BYTES = 200 * 1024 * 1024;

export const PACKS_STORAGE = 'offline.packs';

/** A file of a pack as kept on the phone: named after its SHA-256, checked before it got that name. */
export interface SavedFile {
  name: string;
  sha256: string;
  bytes: number;
  kind: PackFileKind;
}

/** A pack every file of which is on the phone and checked. */
export interface ReadyPack {
  version: string;
  totalBytes: number;
  files: SavedFile[];
  /** Name of the data file among `files`. */
  dataName: string;
  savedAt: number;
}

/** A download under way or interrupted: the manifest it follows, kept for resuming. */
export interface PendingPack {
  version: string;
  totalBytes: number;
  files: Array<SavedFile & { url: string }>;
}

export interface PackRecord {
  ready?: ReadyPack;
  pending?: PendingPack;
}

export type PackIndex = Record<string, PackRecord>;

/** The data file: the exhibition and its works, media named by path (see backend/domain/packs.ts). */
interface PackData {
  format: 1;
  exhibition: Omit<Exhibition, 'status'>;
  artworks: Artwork[];
  media: Record<string, string>;
}

export function readPackIndex(): PackIndex {
  const saved = readCache<PackIndex>(PACKS_STORAGE);
  return saved && typeof saved === 'object' ? saved : {};
}

export function writePackIndex(index: PackIndex): void {
  writeCache(PACKS_STORAGE, index);
  loaded.clear();
}

export function packFolder(exhibitionId: string): string {
  return `${wx.env.USER_DATA_PATH}/packs/${exhibitionId}`;
}

/** `<sha256>.<extension of the URL's path>`: the same content is one file, whatever its URL. */
export function savedName(url: string, sha256: string): string {
  const extension = /\.([a-z0-9]{1,5})(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase() ?? 'bin';
  return `${sha256}.${extension}`;
}

/** The size of a file, or null when there is none. */
export function fileSize(path: string): number | null {
  try {
    const stats = wx.getFileSystemManager().statSync(path) as WechatMiniprogram.Stats;
    return stats.isFile() ? stats.size : null;
  } catch {
    return null;
  }
}

/** The day in Asia/Shanghai, as the backend counts an exhibition's days. */
export function statusToday(
  exhibition: { startDate: string; endDate: string },
  now = Date.now(),
): ExhibitionStatus {
  const day = new Date(now + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return day < exhibition.startDate ? 'upcoming' : day > exhibition.endDate ? 'past' : 'current';
}

interface LoadedPack {
  version: string;
  exhibition: Exhibition;
  artworks: Map<string, Artwork>;
}

const loaded = new Map<string, LoadedPack | null>();

/**
 * The exhibition's complete pack, read back with every media URL turned into its local file, or
 * null. Each file is looked at first: one missing or of the wrong size (a cleaned-up phone, a copy
 * cut short) and the pack is not used at all, so nothing damaged is ever shown or played.
 */
function readyPackOf(exhibitionId: string, index = readPackIndex()): LoadedPack | null {
  const ready = index[exhibitionId]?.ready;
  if (!ready) return null;
  const known = loaded.get(exhibitionId);
  if (known !== undefined && (known === null || known.version === ready.version)) return known;
  const folder = packFolder(exhibitionId);
  let pack: LoadedPack | null = null;
  try {
    if (ready.files.every((file) => fileSize(`${folder}/${file.name}`) === file.bytes)) {
      const text = wx
        .getFileSystemManager()
        .readFileSync(`${folder}/${ready.dataName}`, 'utf8') as string;
      const data = JSON.parse(text) as PackData;
      const names = new Map(ready.files.map((file) => [file.sha256, file.name]));
      const local = (path: string) => {
        const name = names.get(data.media[path] ?? '');
        return name ? `${folder}/${name}` : path;
      };
      const image = <T extends { url: string }>(value: T): T => ({
        ...value,
        url: local(value.url),
      });
      const exhibition: Exhibition = {
        ...data.exhibition,
        status: statusToday(data.exhibition),
        cover: image(data.exhibition.cover),
        ...(data.exhibition.map
          ? { map: { ...data.exhibition.map, image: local(data.exhibition.map.image) } }
          : {}),
      };
      const artworks = new Map(
        data.artworks.map((artwork): [string, Artwork] => [
          artwork.id,
          {
            ...artwork,
            image: image(artwork.image),
            thumbnail: image(artwork.thumbnail),
            audio: artwork.audio ? image(artwork.audio) : null,
          },
        ]),
      );
      pack = { version: ready.version, exhibition, artworks };
    }
  } catch {
    pack = null;
  }
  loaded.set(exhibitionId, pack);
  return pack;
}

/** The exhibition from its pack on the phone, or null when it has no complete pack. */
export function localExhibition(id: string): Exhibition | null {
  return readyPackOf(id)?.exhibition ?? null;
}

/** Summaries of the exhibitions whose packs are on the phone: the list when there is no network. */
export function localExhibitionSummaries(): ExhibitionSummary[] {
  const index = readPackIndex();
  return Object.keys(index).flatMap((id) => {
    const exhibition = readyPackOf(id, index)?.exhibition;
    if (!exhibition) return [];
    const { description: _d, notice: _n, works: _w, tours: _t, map: _m, ...summary } = exhibition;
    return [summary];
  });
}

/** A work from any complete pack on the phone, or null. */
export function localArtwork(id: string): Artwork | null {
  const index = readPackIndex();
  for (const exhibitionId of Object.keys(index)) {
    const artwork = readyPackOf(exhibitionId, index)?.artworks.get(id);
    if (artwork) return artwork;
  }
  return null;
}

/** The work with this label number in the exhibition, from its pack, or null. */
export function localArtworkByNumber(number: string, exhibitionId: string): Artwork | null {
  const pack = readyPackOf(exhibitionId);
  const work = pack?.exhibition.works.find((item) => item.number === number);
  return (work && pack?.artworks.get(work.artworkId)) ?? null;
}

/** Whether a media URL is a file of a pack on the phone (played without a network). */
export function isLocalFile(url: string): boolean {
  return url.startsWith(`${wx.env.USER_DATA_PATH}/`);
}
