import { z } from 'zod';
import type { ListenedEvent, StatsListenedEvent } from '../../miniprogram/types/api';
import { describeIssue, requiredString, slug } from './artworks-events';
import type { AcceptsContract, Holds } from './dispatch';

/** PRODUCT.md: 1–50 events a call. */
export const MAX_EVENTS = 50;
/** Days a summary may span, both ends included. */
export const MAX_SUMMARY_DAYS = 366;

const DAY_MS = 24 * 60 * 60 * 1000;

/** One event the function refuses, and why (a Chinese sentence naming the field). */
export interface Rejection {
  id: string;
  reason: string;
}

/**
 * What the `listened` schema makes of a batch: the events whose shape is right, and the others
 * refused one by one (a bad event never spoils the batch it came in).
 */
export interface ListenedBatch extends StatsListenedEvent {
  rejected: Rejection[];
}

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

const daysInMonth = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Epoch milliseconds of an ISO 8601 date-time with its offset (`Z` or `±hh:mm`), or null when it
 * is malformed or names a moment that does not exist (30 February, 24:00, offset +15:00).
 */
export function instantOf(text: string): number | null {
  const parts = ISO_INSTANT.exec(text);
  if (!parts) return null;
  const part = (index: number) => Number(parts[index] ?? 0);
  const [year, month, day, hour, minute, second] = [
    part(1),
    part(2),
    part(3),
    part(4),
    part(5),
    part(6),
  ];
  const [offsetHours, offsetMinutes] = [part(9), part(10)];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 14 || offsetMinutes > 59) {
    return null;
  }
  const millis = Math.floor(Number(`0.${parts[7] ?? '0'}`) * 1000);
  const offset = (parts[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60 * 1000;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset;
}

/** Epoch milliseconds of midnight UTC of a YYYY-MM-DD calendar day, or null if there is none. */
export function dayNumber(text: string): number | null {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!parts) return null;
  const [year, month, day] = parts.slice(1).map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return Date.UTC(year, month - 1, day);
}

/** Seconds of narration: a finite number, not below 0 (the duration cap needs the work). */
const figure = (field: string) => {
  const message = `参数 ${field} 必须是不小于 0 的秒数。`;
  return z
    .number({
      error: (issue: { input?: unknown }) =>
        issue.input === undefined ? `缺少参数 ${field}。` : message,
    })
    .min(0, message);
};

/** One event as the contract writes it; the catalogue and the clock are checked by the function. */
export const listenedEventSchema = z.object({
  id: requiredString('id').regex(
    /^[A-Za-z0-9_-]{1,64}$/,
    '参数 id 必须是 1 到 64 个字母、数字、下划线或连字符。',
  ),
  artworkId: slug('artworkId'),
  exhibitionId: slug('exhibitionId').optional(),
  seconds: figure('seconds'),
  furthest: figure('furthest'),
  finished: z.boolean({
    error: (issue: { input?: unknown }) =>
      issue.input === undefined ? '缺少参数 finished。' : '参数 finished 必须是 true 或 false。',
  }),
  at: requiredString('at').refine(
    (text) => instantOf(text) !== null,
    '参数 at 必须是一个存在的、带时区的 ISO 8601 时间，例如 "2026-11-25T14:30:00+08:00"。',
  ),
});

/** The id an answer names a refused event by: what the client sent, when it sent a string. */
function idOf(item: unknown): string {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : '';
}

function check(item: unknown): { event: ListenedEvent } | Rejection {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return { id: '', reason: '参数 events 中的每一项都必须是一个收听记录对象。' };
  }
  const result = listenedEventSchema.safeParse(item, { error: describeIssue });
  if (result.success) return { event: result.data };
  return { id: idOf(item), reason: result.error.issues[0]?.message ?? '收听记录无效。' };
}

const eventsMessage = `参数 events 必须是 1 到 ${MAX_EVENTS} 条收听记录组成的数组。`;

export const statsListenedEventSchema = z
  .object({
    action: z.literal('listened'),
    events: z
      .array(z.unknown(), {
        error: (issue: { input?: unknown }) =>
          issue.input === undefined ? '缺少参数 events。' : eventsMessage,
      })
      .min(1, eventsMessage)
      .max(MAX_EVENTS, eventsMessage),
  })
  .transform(({ action, events }): ListenedBatch => {
    const batch: ListenedBatch = { action, events: [], rejected: [] };
    for (const verdict of events.map(check)) {
      if ('event' in verdict) batch.events.push(verdict.event);
      else batch.rejected.push(verdict);
    }
    return batch;
  });

const day = (field: string) =>
  requiredString(field).refine(
    (text) => dayNumber(text) !== null,
    `参数 ${field} 必须是一个存在的日期，格式 YYYY-MM-DD，例如 "2026-11-25"。`,
  );

export const statsSummaryEventSchema = z
  .object({ action: z.literal('summary'), from: day('from'), to: day('to') })
  .superRefine(({ from, to }, context) => {
    const span = ((dayNumber(to) ?? 0) - (dayNumber(from) ?? 0)) / DAY_MS + 1;
    if (span < 1) {
      context.addIssue({ code: 'custom', path: ['to'], message: '参数 to 不能早于 from。' });
    } else if (span > MAX_SUMMARY_DAYS) {
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: `参数 to 与 from 最多相隔 ${MAX_SUMMARY_DAYS} 天（含首尾两天）。`,
      });
    }
  });

/** Every event the contract allows passes these schemas (does not compile if one is narrower). */
export type StatsSchemasAcceptTheContract = [
  Holds<AcceptsContract<'stats', 'listened', typeof statsListenedEventSchema>>,
  Holds<AcceptsContract<'stats', 'summary', typeof statsSummaryEventSchema>>,
];
