import { invalidArgument } from './errors';

const CURSOR_PREFIX = 'a1:';

/** Keyset position: every stored artwork has a unique sortKey, so pages never skip or repeat a record. */
export function sortKeyOf(number: string, id: string): string {
  return `${number.padStart(8, '0')}:${id}`;
}

export function encodeCursor(sortKey: string): string {
  return Buffer.from(CURSOR_PREFIX + sortKey, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith(CURSOR_PREFIX) || !/^\d{8}:[a-z0-9-]+$/.test(decoded.slice(3))) {
    throw invalidArgument('参数 cursor 无效：请使用上一页返回的 nextCursor。');
  }
  return decoded.slice(CURSOR_PREFIX.length);
}
