import { z } from 'zod';
import { slug } from './artworks-events';
import type { AcceptsContract, Holds } from './dispatch';

export const exhibitionsListEventSchema = z.object({ action: z.literal('list') });

export const exhibitionsGetEventSchema = z.object({ action: z.literal('get'), id: slug('id') });

export const exhibitionsPackEventSchema = z.object({ action: z.literal('pack'), id: slug('id') });

/** Every event the contract allows passes these schemas (does not compile if one is narrower). */
export type ExhibitionsSchemasAcceptTheContract = [
  Holds<AcceptsContract<'exhibitions', 'list', typeof exhibitionsListEventSchema>>,
  Holds<AcceptsContract<'exhibitions', 'get', typeof exhibitionsGetEventSchema>>,
  Holds<AcceptsContract<'exhibitions', 'pack', typeof exhibitionsPackEventSchema>>,
];
