import { z } from 'zod';
import { cursorSchema, limitSchema, slug } from './artworks-events';

export const replaysListEventSchema = z.object({
  action: z.literal('list'),
  cursor: cursorSchema,
  limit: limitSchema,
});

export const replaysGetEventSchema = z.object({ action: z.literal('get'), id: slug('id') });
