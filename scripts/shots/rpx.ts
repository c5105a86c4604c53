// WeChat's unit rule, as the compiled WXSS applies it: 750 rpx span the screen's width, a result is
// rounded down, and a non-zero length that rounds to 0 becomes a hairline (0.5 px on an iPhone).
export const SCREEN_WIDTH = 375;

export function rpxToPx(rpx: number, screenWidth = SCREEN_WIDTH): number {
  if (rpx === 0) return 0;
  const px = Math.floor((rpx / 750) * screenWidth + 1e-4);
  return px === 0 ? 0.5 : px;
}

/**
 * Rewrites a style string as the runtime would see it: rpx lengths in px, and the safe area as a
 * variable the phone frame sets (Chromium's own env() is 0 outside a notched device).
 */
export function resolveStyle(style: string): string {
  return style
    .replace(/(-?\d*\.?\d+)rpx/g, (_match, value: string) => `${rpxToPx(Number(value))}px`)
    .replace(
      /(?:env|constant)\(\s*safe-area-inset-(top|right|bottom|left)\s*\)/g,
      'var(--safe-$1, 0px)',
    );
}
