/** At most `max` calls per `windowSeconds` for one caller. */
export interface RateLimit {
  max: number;
  windowSeconds: number;
}

/**
 * A fixed window per key: answers the seconds to wait when the key is over its limit, else 0.
 * Windows that have ended are swept when many keys are known, so memory stays bounded.
 */
export function fixedWindowLimiter(
  limit: RateLimit,
  now: () => number = Date.now,
): (key: string) => number {
  const windows = new Map<string, { start: number; count: number }>();
  const length = limit.windowSeconds * 1000;
  return (key) => {
    const at = now();
    if (windows.size > 10_000) {
      for (const [seen, window] of windows) if (at - window.start >= length) windows.delete(seen);
    }
    let window = windows.get(key);
    if (!window || at - window.start >= length) {
      window = { start: at, count: 0 };
      windows.set(key, window);
    }
    window.count += 1;
    return window.count > limit.max
      ? Math.max(1, Math.ceil((window.start + length - at) / 1000))
      : 0;
  };
}
