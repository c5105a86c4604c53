/** 200 → "3分20秒"; narration lengths are minutes, never hours. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !(seconds > 0)) return '';
  const total = Math.round(seconds);
  const minutes = Math.floor(total / 60);
  const rest = total % 60;
  if (minutes === 0) return `${rest}秒`;
  return rest === 0 ? `${minutes}分钟` : `${minutes}分${rest}秒`;
}

/** Height in rpx that keeps an image's own aspect at the given width. */
export function heightFor(image: { width: number; height: number }, widthRpx: number): number {
  if (!(image.width > 0) || !(image.height > 0)) return widthRpx;
  return Math.round((widthRpx * image.height) / image.width);
}
