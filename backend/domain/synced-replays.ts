// Replays fetched from the live platform (replay-sync.ts writes them) as the replays function
// answers them: an HLS recording in place of a content replay's video, or, for a live that staff
// wrote no replay for, a replay made from the live's own record.
import type { ReplaySourceRecord } from '../repository/live-state';
import { replaySortKey, type LiveDoc, type ReplayDoc } from './catalogue';
import { shanghaiDay } from './exhibitions';

export const PLATFORM_VIDEO_NOTE =
  '直播平台（小程序直播）录制的完整回放：链接由直播平台签发，过期前会自动换新。';

/** The live platform does not say the recording's size; 720p is what its rooms stream. */
const PLATFORM_VIDEO_SIZE = { width: 1280, height: 720 };

/**
 * The source a live's recording was saved under when staff named no replay for the live: the sync
 * keys it by the live's own id. (A live that names a replay shows that content replay, or nothing
 * while it is unpublished; an older source under another id is not shown.)
 */
export function sourceMadeFromLive(
  live: LiveDoc,
  sources: readonly ReplaySourceRecord[],
): ReplaySourceRecord | undefined {
  if (live.replayId) return undefined;
  return sources.find((source) => source._id === live.id && source.liveId === live.id);
}

/** The first recording whose link still works at `now`, with its expiry in epoch milliseconds. */
export function playableEntry(
  source: ReplaySourceRecord,
  now: number,
): { url: string; expiresAt: number } | null {
  for (const entry of source.entries) {
    const expiresAt = Date.parse(entry.expiresAt);
    if (expiresAt > now) return { url: entry.url, expiresAt };
  }
  return null;
}

function platformVideo(duration: number): ReplayDoc['video'] {
  return { path: '', duration, ...PLATFORM_VIDEO_SIZE, demo: false, note: PLATFORM_VIDEO_NOTE };
}

/** A content replay playing the platform's recording: its chapters, summary and cover stay. */
export function withPlatformVideo(doc: ReplayDoc): ReplayDoc {
  return { ...doc, video: platformVideo(doc.duration) };
}

/** The replay a live becomes when only the platform's recording of it exists. */
export function replayFromLive(live: LiveDoc, source: ReplaySourceRecord): ReplayDoc {
  const date = shanghaiDay(Date.parse(live.startsAt));
  const duration = live.durationMinutes * 60;
  return {
    _id: source._id,
    id: source._id,
    access: live.access,
    ...(live.example ? { example: live.example } : {}),
    title: live.title,
    date,
    duration,
    viewers: 0,
    guide: live.host,
    cover: live.cover,
    summary: live.summary,
    highlights: [],
    video: platformVideo(duration),
    chapters: [{ start: 0, title: '完整回放', artworkIds: [] }],
    unverified: {},
    published: true,
    updatedAt: source.syncedAt.slice(0, 10),
    sortKey: replaySortKey(date, source._id),
  };
}
