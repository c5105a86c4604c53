import { Buffer } from 'buffer';

/** PRODUCT.md: during playback, setData at most 4 times a second in all, each under 1 KB. */
export const SET_DATA_MAX_PER_SECOND = 4;
export const SET_DATA_MAX_BYTES = 1024;

/** The size of what a setData call sends to the view layer, in UTF-8 bytes (3 per Chinese character). */
export function payloadBytes(data: unknown): number {
  return Buffer.byteLength(JSON.stringify(data), 'utf8');
}
