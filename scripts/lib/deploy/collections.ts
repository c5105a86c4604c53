// The CloudBase collections the functions use, and the indexes their queries need
// (backend/repository/cloudbase.ts and live-state.ts are where the queries are).
import { LIVE_STATE_COLLECTIONS } from '../../../backend/repository/live-state';
import { VISITORS_COLLECTION } from '../../../backend/repository/cloudbase';
import type { IndexSpec } from './plan';

/** Filled from content/ by the deploy, in this order. */
export const CONTENT_COLLECTIONS = [
  'artworks',
  'artists',
  'replays',
  'exhibitions',
  'lives',
] as const;
export type ContentCollection = (typeof CONTENT_COLLECTIONS)[number];

/** Written by the functions themselves: the deploy only makes sure they exist, never writes a document. */
export const WRITABLE_COLLECTIONS = [
  VISITORS_COLLECTION,
  ...Object.values(LIVE_STATE_COLLECTIONS),
  'statsDaily',
  'statsEvents',
];

const index = (name: string, fields: string[]): IndexSpec => ({
  name,
  keys: fields.map((field) => ({ field, direction: 1 })),
  unique: false,
});

/**
 * `_id` is indexed by CloudBase itself. The label number is not made unique here: a work removed
 * from content is unpublished, not deleted, and keeps its number, which content may give to another
 * work (the content loader already refuses two works with one number).
 */
export const COLLECTION_INDEXES: Record<string, IndexSpec[]> = {
  artworks: [
    index('published_sortKey', ['published', 'sortKey']),
    index('published_artist_sortKey', ['published', 'artist.id', 'sortKey']),
    index('published_floor_sortKey', ['published', 'location.floor', 'sortKey']),
    index('published_number', ['published', 'number']),
  ],
  replays: [index('published_sortKey', ['published', 'sortKey'])],
  exhibitions: [index('published', ['published'])],
  lives: [index('published', ['published'])],
  [LIVE_STATE_COLLECTIONS.reminders]: [index('liveId_state', ['liveId', 'state'])],
  statsDaily: [index('day', ['day'])],
  statsEvents: [index('day', ['day'])],
};
