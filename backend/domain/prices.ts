/** A price in fen (分) as a visitor reads it: 990 → "¥9.90". */
export function formatPrice(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}
