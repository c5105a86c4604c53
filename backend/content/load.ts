import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import path from 'path';
import {
  replaySortKey,
  type LiveDoc,
  type ArtistDoc,
  type ArtworkDoc,
  type ReplayDoc,
} from '../domain/catalogue';
import { sortKeyOf } from '../domain/paging';
import { loadExhibitions } from './exhibitions';
import { describeIssues, digestOf, measureImage, readRecord, readYaml, yamlFiles } from './files';
import { buildSearchText } from '../domain/search';
import type { Catalogue } from '../repository/nedb';
import {
  cueProblems,
  narrationFileSchema,
  narrationFingerprint,
  readRecording,
  trackFileSchema,
} from './narration';
import {
  artistFileSchema,
  artworkFileSchema,
  liveFileSchema,
  replayFileSchema,
  type ArtworkFile,
} from './schema';

/** Every problem found in the content folder; nothing is imported while there is one. */
export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`内容校验失败（${problems.length} 处）：\n- ${problems.join('\n- ')}`);
    this.name = 'ContentError';
  }
}

export interface LoadedCatalogue extends Catalogue {
  /** Changes whenever anything that reaches the store changes. */
  fingerprint: string;
}

/**
 * Loads `content/` (artists.yaml, artworks/*.yaml, media/) into database documents. Artist names
 * and image sizes are derived here, never typed twice by staff.
 */
export async function loadCatalogue(contentDir: string): Promise<LoadedCatalogue> {
  const problems: string[] = [];
  const mediaDir = path.join(contentDir, 'media');

  const artistsLabel = 'content/artists.yaml';
  const parsedArtists = artistFileSchema.safeParse(
    await readYaml(path.join(contentDir, 'artists.yaml'), artistsLabel, problems),
  );
  const artists: ArtistDoc[] = [];
  if (parsedArtists.success) {
    for (const artist of parsedArtists.data) {
      if (artists.some((known) => known.id === artist.id)) {
        problems.push(`${artistsLabel}（艺术家 ${artist.id}）字段 id：与另一位艺术家重复`);
      }
      artists.push({ _id: artist.id, ...artist });
    }
  } else {
    problems.push(...describeIssues(artistsLabel, parsedArtists.error.issues));
  }

  const artworkDir = path.join(contentDir, 'artworks');
  const files = await yamlFiles(artworkDir);
  if (files.length === 0) problems.push('content/artworks/：没有任何作品文件');

  const artworks: ArtworkDoc[] = [];
  const numbers = new Map<string, string>();
  for (const name of files) {
    const read = await readRecord(
      artworkDir,
      name,
      { label: 'content/artworks', kind: '作品', schema: artworkFileSchema },
      problems,
    );
    if (!read) continue;
    const { where } = read;
    const record: ArtworkFile = read.record;
    const clash = numbers.get(record.number);
    if (clash)
      problems.push(`${where} 字段 number：展签编号 ${record.number} 已被作品 ${clash} 使用`);
    numbers.set(record.number, record.id);
    const artist = artists.find((candidate) => candidate.id === record.artist);
    if (!artist)
      problems.push(`${where} 字段 artist：artists.yaml 中没有 id 为 ${record.artist} 的艺术家`);
    const image = await measureImage(mediaDir, record.image, where, 'image', problems);
    const thumbnail = await measureImage(mediaDir, record.thumbnail, where, 'thumbnail', problems);
    if (!artist) continue;
    const artistRef = { id: artist.id, name: artist.name, lifespan: artist.lifespan };
    artworks.push({
      _id: record.id,
      id: record.id,
      number: record.number,
      title: record.title,
      artist: artistRef,
      year: record.year,
      medium: record.medium,
      dimensions: record.dimensions,
      inventoryNumber: record.inventoryNumber ?? null,
      sources: record.sources,
      location: record.location,
      image,
      thumbnail,
      description: record.description,
      audio: null,
      transcript: [],
      replayMoments: [],
      unverified: record.unverified,
      published: record.published,
      updatedAt: record.updatedAt,
      sortKey: sortKeyOf(record.number, record.id),
      search: buildSearchText([
        record.title.zh,
        record.title.original,
        artist.name.zh,
        artist.name.original,
      ]),
    });
  }

  await attachNarration(contentDir, artworks, problems);
  const replays = await loadReplays(contentDir, new Set(artworks.map((doc) => doc.id)), problems);
  deriveReplayMoments(artworks, replays);
  const exhibitions = await loadExhibitions(contentDir, artworks, problems);
  const lives = await loadLives(contentDir, replays, problems);

  if (problems.length > 0) throw new ContentError(problems);
  const fingerprint = createHash('sha256')
    .update(JSON.stringify({ artists, artworks, replays, exhibitions, lives }))
    .digest('hex')
    .slice(0, 16);
  return { artists, artworks, replays, exhibitions, lives, fingerprint };
}

/** content/replays/*.yaml: optional; each chapter may only name artworks that exist. */
async function loadReplays(
  contentDir: string,
  artworkIds: Set<string>,
  problems: string[],
): Promise<ReplayDoc[]> {
  const mediaDir = path.join(contentDir, 'media');
  const replayDir = path.join(contentDir, 'replays');
  const replays: ReplayDoc[] = [];
  for (const name of await yamlFiles(replayDir)) {
    const read = await readRecord(
      replayDir,
      name,
      { label: 'content/replays', kind: '回放', schema: replayFileSchema },
      problems,
    );
    if (!read) continue;
    const { record, where } = read;
    record.chapters.forEach((chapter, index) => {
      for (const id of chapter.artworkIds) {
        if (!artworkIds.has(id)) {
          problems.push(`${where} 字段 chapters.${index}.artworkIds：没有 id 为 ${id} 的作品`);
        }
      }
    });
    const cover = await measureImage(mediaDir, record.cover, where, 'cover', problems);
    const video = await fs.stat(path.join(mediaDir, record.video.path)).catch(() => null);
    if (!video?.isFile()) {
      problems.push(`${where} 字段 video.path：视频 media/${record.video.path} 不存在`);
    }
    replays.push({
      _id: record.id,
      ...record,
      cover,
      sortKey: replaySortKey(record.date, record.id),
    });
  }
  return replays;
}

/**
 * content/lives/*.yaml: optional. A live's replay must be a replay of the content (one fetched from
 * the live platform later is joined by `npm run replays:sync`, not named here), and two published
 * lives may not share a Channels feed or a live room.
 */
async function loadLives(
  contentDir: string,
  replays: ReplayDoc[],
  problems: string[],
): Promise<LiveDoc[]> {
  const mediaDir = path.join(contentDir, 'media');
  const liveDir = path.join(contentDir, 'lives');
  const lives: LiveDoc[] = [];
  const rooms = new Map<number, string>();
  for (const name of await yamlFiles(liveDir)) {
    const read = await readRecord(
      liveDir,
      name,
      { label: 'content/lives', kind: '直播', schema: liveFileSchema },
      problems,
    );
    if (!read) continue;
    const { record, where } = read;
    if (record.replayId && !replays.some((replay) => replay.id === record.replayId)) {
      problems.push(
        `${where} 字段 replayId：content/replays 中没有 id 为 ${record.replayId} 的回放`,
      );
    }
    const roomId = record.liveRoom?.roomId;
    if (roomId !== undefined) {
      const clash = rooms.get(roomId);
      if (clash)
        problems.push(`${where} 字段 liveRoom.roomId：直播间 ${roomId} 已被直播 ${clash} 使用`);
      rooms.set(roomId, record.id);
    }
    const cover = await measureImage(mediaDir, record.cover, where, 'cover', problems);
    const { cover: _path, ...rest } = record;
    lives.push({ _id: record.id, ...rest, cover });
  }
  return lives;
}

/**
 * Each artwork's replayMoments come from the published replays' chapters: where a work appears is
 * written once, in the replay, and an unpublished replay never shows through an artwork.
 */
function deriveReplayMoments(artworks: ArtworkDoc[], replays: ReplayDoc[]): void {
  const byId = new Map(artworks.map((doc) => [doc.id, doc]));
  for (const replay of replays) {
    // A record made up to show a feature does not send visitors from the real works to it.
    if (!replay.published || replay.example) continue;
    for (const chapter of replay.chapters) {
      for (const id of chapter.artworkIds) {
        byId.get(id)?.replayMoments.push({
          replayId: replay.id,
          start: chapter.start,
          title: chapter.title,
        });
      }
    }
  }
}

const AUDIO_COMMAND = 'npm run content:audio';

/**
 * content/narration/<id>.yaml and the track `npm run content:audio` made from it: the artwork gets
 * its audio and transcript only when the track matches the narration as it is now, its file is
 * there with the bytes recorded, and its cues cover it.
 */
async function attachNarration(
  contentDir: string,
  artworks: ArtworkDoc[],
  problems: string[],
): Promise<void> {
  const narrationDir = path.join(contentDir, 'narration');
  const byId = new Map(artworks.map((doc) => [doc.id, doc]));
  for (const name of await yamlFiles(narrationDir)) {
    const read = await readRecord(
      narrationDir,
      name,
      { label: 'content/narration', kind: '讲解', schema: narrationFileSchema },
      problems,
    );
    // A narration under another file's name would be taken for the wrong work: it is left out.
    if (!read || name.replace(/\.ya?ml$/, '') !== read.record.id) continue;
    const { record: narration, where } = read;
    const artwork = byId.get(narration.id);
    if (!artwork) {
      problems.push(`${where} 字段 id：没有 id 为 ${narration.id} 的作品`);
      continue;
    }

    const { recording, problems: recordingProblems } = await readRecording(
      narrationDir,
      narration,
      where,
    );
    if (recordingProblems.length > 0) {
      problems.push(...recordingProblems);
      continue;
    }

    const trackLabel = `content/narration/${narration.id}.track.json`;
    const trackText = await fs
      .readFile(path.join(narrationDir, `${narration.id}.track.json`), 'utf8')
      .catch(() => null);
    if (trackText === null) {
      problems.push(`${where}：还没有生成音频，请运行 ${AUDIO_COMMAND}`);
      continue;
    }
    let trackRaw: unknown;
    try {
      trackRaw = JSON.parse(trackText);
    } catch {
      problems.push(`${trackLabel}：不是合法的 JSON，请重新运行 ${AUDIO_COMMAND}`);
      continue;
    }
    const track = trackFileSchema.safeParse(trackRaw);
    if (!track.success) {
      problems.push(...describeIssues(trackLabel, track.error.issues));
      continue;
    }
    const { audio, cues, input } = track.data;
    if (input !== narrationFingerprint(narration, recording)) {
      problems.push(`${where}：讲解稿或录音改过了，音频已过期，请运行 ${AUDIO_COMMAND}`);
      continue;
    }
    const file = await fs.readFile(path.join(contentDir, 'media', audio.path)).catch(() => null);
    if (!file || file.length !== audio.bytes) {
      problems.push(
        `${trackLabel} 字段 audio：media/${audio.path} ${file ? `有 ${file.length} 字节，记录为 ${audio.bytes}` : '不存在'}，请运行 ${AUDIO_COMMAND}`,
      );
      continue;
    }
    const cueIssues = cueProblems(cues, audio.duration);
    if (cueIssues.length > 0) {
      problems.push(...cueIssues.map((issue) => `${trackLabel} 字段 ${issue}`));
      continue;
    }
    artwork.audio = {
      path: audio.path,
      duration: audio.duration,
      bytes: audio.bytes,
      format: audio.format,
      language: 'zh-CN',
      narrator: track.data.narrator,
      sha256: digestOf(file).sha256,
    };
    artwork.transcript = cues.map(({ start, end, text }) => ({ start, end, text }));
  }
}
