export const COLLECTION_PAGE = '/pages/collection/index';
export const ARTWORK_PAGE = '/pages/artwork/index';
export const REPLAYS_PAGE = '/pages/replays/index';
export const REPLAY_PAGE = '/pages/replay/index';

export interface ArtworkPathOptions {
  /** Start the narration once the work is loaded, where the visitor stopped (from 我的). */
  autoplay?: boolean;
}

export function artworkPath(id: string, options: ArtworkPathOptions = {}): string {
  const path = `${ARTWORK_PAGE}?id=${encodeURIComponent(id)}`;
  return options.autoplay ? `${path}&autoplay=1` : path;
}

export interface ReplayPathOptions {
  /** Start here, in seconds (an artwork's moment in the replay). */
  t?: number;
  /** Start at this chapter, by index (a shared replay). */
  chapter?: number;
}

export function replayPath(id: string, options: ReplayPathOptions = {}): string {
  let path = `${REPLAY_PAGE}?id=${encodeURIComponent(id)}`;
  if (options.t !== undefined && Number.isFinite(options.t)) path += `&t=${Math.max(0, options.t)}`;
  if (options.chapter !== undefined && Number.isInteger(options.chapter) && options.chapter >= 0) {
    path += `&chapter=${options.chapter}`;
  }
  return path;
}
