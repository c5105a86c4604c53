import { z } from 'zod';
import type { AcceptsContract, Holds } from './dispatch';

type Issue = { input?: unknown };

/** A required string field whose missing and mistyped cases get their own Chinese sentence. */
export function requiredString(field: string) {
  return z.string({
    error: (issue: Issue) =>
      issue.input === undefined ? `缺少参数 ${field}。` : `参数 ${field} 必须是字符串。`,
  });
}

export const slug = (field: string) =>
  requiredString(field)
    .min(1, `参数 ${field} 不能为空。`)
    .max(100, `参数 ${field} 过长（最多 100 个字符）。`)
    .regex(/^[a-z0-9][a-z0-9-]*$/, `参数 ${field} 只能包含小写字母、数字和连字符。`);

const limitMessage = '参数 limit 必须是 1 到 50 之间的整数。';

/** Page size: an integer from 1 to 50. */
export const limitSchema = z
  .int({ error: limitMessage })
  .min(1, limitMessage)
  .max(50, limitMessage)
  .optional();

/** The opaque cursor a previous page returned. */
export const cursorSchema = requiredString('cursor')
  .max(200, '参数 cursor 无效：请使用上一页返回的 nextCursor。')
  .optional();

export const listEventSchema = z.object({
  action: z.literal('list'),
  artist: slug('artist').optional(),
  floor: z
    .union([z.string().trim().min(1).max(20), z.int().min(-20).max(300)], {
      error: '参数 floor 必须是楼层编号，例如 "5"。',
    })
    .transform(String)
    .optional(),
  q: requiredString('q').max(50, '参数 q 过长（最多 50 个字符）。').optional(),
  cursor: cursorSchema,
  limit: limitSchema,
  withArtists: z.boolean({ error: '参数 withArtists 必须是 true 或 false。' }).optional(),
});

export const getEventSchema = z.object({ action: z.literal('get'), id: slug('id') });

export const byNumberEventSchema = z.object({
  action: z.literal('byNumber'),
  number: requiredString('number').regex(
    /^\d{1,8}$/,
    '参数 number 必须是 1 到 8 位数字的展签编号。',
  ),
  exhibitionId: slug('exhibitionId').optional(),
});

export const artistsEventSchema = z.object({ action: z.literal('artists') });

const TYPE_NAMES: Record<string, string> = {
  string: '字符串',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  object: '对象',
  array: '数组',
};

/**
 * The Chinese sentence for a problem no schema wrote its own message for (zod's defaults are
 * English): it names the field, as every error of the contract must.
 */
export function describeIssue(issue: z.core.$ZodRawIssue): string {
  const field = issue.path?.length ? issue.path.join('.') : '（整个请求）';
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return `缺少参数 ${field}。`;
    const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
    return `参数 ${field} 的类型不对：应为${expected}。`;
  }
  if (issue.code === 'too_big' || issue.code === 'too_small')
    return `参数 ${field} 超出允许的范围。`;
  return `参数 ${field} 无效。`;
}

/** Every event the contract allows passes these schemas (does not compile if one is narrower). */
export type ArtworksSchemasAcceptTheContract = [
  Holds<AcceptsContract<'artworks', 'list', typeof listEventSchema>>,
  Holds<AcceptsContract<'artworks', 'get', typeof getEventSchema>>,
  Holds<AcceptsContract<'artworks', 'byNumber', typeof byNumberEventSchema>>,
  Holds<AcceptsContract<'artworks', 'artists', typeof artistsEventSchema>>,
];
