// Offline packs: everything a visit of one exhibition needs with no network, as a list of files
// with their sizes and SHA-256, plus one data file holding the exhibition and its works.
import { createHash } from 'crypto';
import type { Artwork, Exhibition, PackFileKind } from '../../miniprogram/types/api';
import { AppError } from './errors';
import { toArtwork, type ArtworkDoc, type ExhibitionDoc, type StoredImage } from './catalogue';

/**
 * The data file of a pack. Media are named by their path under the media root (`url` holds the
 * path), and `media` gives each path's SHA-256: the mini program keeps files under that name.
 * `status` is left out of the exhibition, so the file changes only when its content does.
 */
export interface PackData {
  format: 1;
  exhibition: Omit<Exhibition, 'status'>;
  artworks: Artwork[];
  media: Record<string, string>;
}

export interface PackEntry {
  path: string;
  bytes: number;
  sha256: string;
  kind: PackFileKind;
}

export interface BuiltPack {
  version: string;
  /** The data file first, then narrations, then images, each path once. */
  files: PackEntry[];
  totalBytes: number;
  /** The data file's bytes, exactly as served at its path. */
  data: Buffer;
}

/** Data files live under this folder of the media root, named `<exhibitionId>-<12 hex>.json`. */
export const PACK_DATA_FOLDER = 'packs';
const DATA_PATH = /^packs\/([a-z0-9][a-z0-9-]*)-([0-9a-f]{12})\.json$/;

/** The exhibition a data-file path belongs to, or null for any other path. */
export function packDataExhibition(relative: string): string | null {
  return DATA_PATH.exec(relative)?.[1] ?? null;
}

/** JSON with object keys sorted at every level: the same content always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const record = item as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, record[key]]),
    );
  });
}

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The pack of `doc`, given its published works (full records). `exhibition` is the answer of
 * `exhibitions get` built with paths for URLs (the function builds it; this file only packs it).
 */
export function buildPack(
  exhibition: Omit<Exhibition, 'status'>,
  doc: ExhibitionDoc,
  works: ArtworkDoc[],
): BuiltPack {
  const media = new Map<string, PackEntry>();
  const add = (kind: PackFileKind, file: StoredImage | (ArtworkDoc['audio'] & object)) => {
    if (!file.sha256 || !(file.bytes > 0)) {
      throw new AppError(
        'UNAVAILABLE',
        `离线包暂不可用：媒体文件 ${file.path} 没有记录大小和校验值，请重新导入内容（npm run seed 或 npm run export:cloudbase）。`,
      );
    }
    if (!media.has(file.path)) {
      media.set(file.path, { path: file.path, bytes: file.bytes, sha256: file.sha256, kind });
    }
  };
  const byId = new Map(works.map((work) => [work.id, work]));
  const ordered = exhibition.works.flatMap((work) => byId.get(work.artworkId) ?? []);
  for (const work of ordered) if (work.audio) add('audio', work.audio);
  for (const work of ordered) {
    add('image', work.image);
    add('image', work.thumbnail);
  }
  add('image', doc.cover);
  if (doc.map) add('image', doc.map.image);

  const entries = [...media.values()];
  const packData: PackData = {
    format: 1,
    exhibition,
    artworks: ordered.map((work) => toArtwork(work, (path) => path)),
    media: Object.fromEntries(entries.map((entry) => [entry.path, entry.sha256])),
  };
  const data = Buffer.from(canonicalJson(packData));
  const dataEntry: PackEntry = {
    path: `${PACK_DATA_FOLDER}/${doc.id}-${sha256(data).slice(0, 12)}.json`,
    bytes: data.length,
    sha256: sha256(data),
    kind: 'data',
  };
  const files = [dataEntry, ...entries];
  const version = sha256(
    files.map((file) => `${file.kind} ${file.path} ${file.sha256}`).join('\n'),
  ).slice(0, 12);
  return {
    version,
    files,
    totalBytes: files.reduce((sum, file) => sum + file.bytes, 0),
    data,
  };
}
