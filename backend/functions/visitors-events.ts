import { z } from 'zod';
import { slug } from './artworks-events';
import type { AcceptsContract, Holds } from './dispatch';

// No schema has an openid: who calls comes from the platform's context, never from the event.
export const visitorsFavoritesEventSchema = z.object({ action: z.literal('favorites') });

export const visitorsFavoriteEventSchema = z.object({
  action: z.literal('favorite'),
  artworkId: slug('artworkId'),
  on: z.boolean({
    error: (issue: { input?: unknown }) =>
      issue.input === undefined ? '缺少参数 on。' : '参数 on 必须是 true 或 false。',
  }),
});

/** Every event the contract allows passes these schemas (does not compile if one is narrower). */
export type VisitorsSchemasAcceptTheContract = [
  Holds<AcceptsContract<'visitors', 'favorites', typeof visitorsFavoritesEventSchema>>,
  Holds<AcceptsContract<'visitors', 'favorite', typeof visitorsFavoriteEventSchema>>,
];
