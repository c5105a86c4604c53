import { z } from 'zod';
import { cursorSchema, limitSchema, slug } from './artworks-events';
import type { AcceptsContract, Holds } from './dispatch';

export const replaysListEventSchema = z.object({
  action: z.literal('list'),
  cursor: cursorSchema,
  limit: limitSchema,
});

export const replaysGetEventSchema = z.object({ action: z.literal('get'), id: slug('id') });

/** Every event the contract allows passes these schemas (does not compile if one is narrower). */
export type ReplaysSchemasAcceptTheContract = [
  Holds<AcceptsContract<'replays', 'list', typeof replaysListEventSchema>>,
  Holds<AcceptsContract<'replays', 'get', typeof replaysGetEventSchema>>,
];
