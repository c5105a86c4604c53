import type { Replay, ReplayChapter } from '../../types/api';
import {
  formatClock,
  formatDate,
  formatLength,
  formatViewers,
  heightFor,
} from '../../utils/format';

/** The video spans the screen; a portrait file is letterboxed rather than filling it. */
export const VIDEO_WIDTH_RPX = 750;
export const VIDEO_MAX_HEIGHT_RPX = 560;

export interface ChapterView {
  title: string;
  /** Where it starts, "mm:ss". */
  time: string;
  /** How many artworks are on screen in this chapter. */
  works: number;
}

/** What the replay page renders once; playback changes only `current` and the strip. */
export interface ReplayView {
  id: string;
  title: string;
  date: string;
  length: string;
  guide: string;
  viewers: string;
  paragraphs: string[];
  highlights: string[];
  poster: string;
  videoHeight: number;
  /** Shown under the video when the file is a stand-in for the livestream. */
  note: string;
  chapters: ChapterView[];
}

/** One artwork of the strip under the chapters. */
export interface StripItem {
  id: string;
  title: string;
  thumb: string;
}

export function toReplayView(replay: Replay): ReplayView {
  const { video } = replay;
  return {
    id: replay.id,
    title: replay.title,
    date: formatDate(replay.date),
    length: formatLength(replay.duration),
    guide: replay.guide,
    viewers: formatViewers(replay.viewers),
    paragraphs: replay.summary
      .split(/\n+/)
      .map((paragraph) => paragraph.trim())
      .filter(Boolean),
    highlights: replay.highlights,
    poster: replay.cover.url,
    videoHeight: Math.min(heightFor(video, VIDEO_WIDTH_RPX), VIDEO_MAX_HEIGHT_RPX),
    note: video.demo ? video.note || '演示用替代视频，并非直播原片。' : video.note,
    chapters: replay.chapters.map((chapter) => ({
      title: chapter.title,
      time: formatClock(chapter.start),
      works: chapter.artworkIds.length,
    })),
  };
}

/** The chapter playing at `seconds`: the last one started by then; -1 before the first. */
export function chapterIndexAt(chapters: ReplayChapter[], seconds: number): number {
  let found = -1;
  chapters.forEach((chapter, index) => {
    if (seconds >= chapter.start) found = index;
  });
  return found;
}

/** The artworks of a chapter, in the chapter's order; ids the answer does not carry are skipped. */
export function stripFor(replay: Replay, chapterIndex: number): StripItem[] {
  const chapter = replay.chapters[chapterIndex];
  if (!chapter) return [];
  const byId = new Map(replay.artworks.map((artwork) => [artwork.id, artwork]));
  const items: StripItem[] = [];
  for (const id of chapter.artworkIds) {
    const artwork = byId.get(id);
    if (artwork) items.push({ id, title: artwork.title.zh, thumb: artwork.thumbnail.url });
  }
  return items;
}
