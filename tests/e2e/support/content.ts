import { loadCatalogue } from '../../../backend/content/load';
import type { ArtworkDoc, ReplayDoc } from '../../../backend/domain/catalogue';
import { CONTENT_DIR } from '../../../backend/host/local';

export interface PublishedContent {
  /** In the order the app lists them (label number). */
  artworks: ArtworkDoc[];
  /** Newest first, as the 回放 tab lists them. */
  replays: ReplayDoc[];
}

/** content/ read by the same loader the host is seeded with, so the specs never retype it. */
export async function readPublishedContent(): Promise<PublishedContent> {
  const catalogue = await loadCatalogue(CONTENT_DIR);
  const bySortKey = (a: { sortKey: string }, b: { sortKey: string }) =>
    a.sortKey.localeCompare(b.sortKey);
  return {
    artworks: catalogue.artworks.filter((artwork) => artwork.published).sort(bySortKey),
    replays: catalogue.replays.filter((replay) => replay.published).sort(bySortKey),
  };
}

export function artworkById(content: PublishedContent, id: string): ArtworkDoc {
  const artwork = content.artworks.find((candidate) => candidate.id === id);
  if (!artwork) throw new Error(`content/ has no published artwork ${id}`);
  return artwork;
}
