import { z } from 'zod';
import { slug } from './artworks-events';
import type { AcceptsContract, Holds } from './dispatch';

export const livesListEventSchema = z.object({ action: z.literal('list') });

export const livesRemindEventSchema = z.object({ action: z.literal('remind'), id: slug('id') });

/** Every event the contract allows passes these schemas (does not compile if one is narrower). */
export type LivesSchemasAcceptTheContract = [
  Holds<AcceptsContract<'lives', 'list', typeof livesListEventSchema>>,
  Holds<AcceptsContract<'lives', 'remind', typeof livesRemindEventSchema>>,
];
