import { invalidArgument } from './errors';

/** Cursors name what they page through, so one list's cursor is refused by another. */
export type CursorKind = 'a1' | 'r1';

/** Keyset position: every stored artwork has a unique sortKey, so pages never skip or repeat a record. */
export function sortKeyOf(number: string, id: string): string {
  return `${number.padStart(8, '0')}:${id}`;
}

export function encodeCursor(sortKey: string, kind: CursorKind = 'a1'): string {
  return Buffer.from(`${kind}:${sortKey}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, kind: CursorKind = 'a1'): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const prefix = `${kind}:`;
  if (!decoded.startsWith(prefix) || !/^\d{8}:[a-z0-9-]+$/.test(decoded.slice(prefix.length))) {
    throw invalidArgument('参数 cursor 无效：请使用上一页返回的 nextCursor。');
  }
  return decoded.slice(prefix.length);
}
