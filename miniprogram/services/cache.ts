// Local storage for warm starts. Keys carry a version: a change of shape bumps it and old
// entries are simply never read again.
const CACHE_VERSION = 1;

interface Entry<T> {
  savedAt: number;
  value: T;
}

function keyOf(name: string): string {
  return `pompidou:v${CACHE_VERSION}:${name}`;
}

export function readCache<T>(name: string): T | undefined {
  try {
    const entry = wx.getStorageSync(keyOf(name)) as Entry<T> | '' | undefined;
    return entry && typeof entry === 'object' && 'value' in entry ? entry.value : undefined;
  } catch {
    return undefined;
  }
}

export function writeCache<T>(name: string, value: T): void {
  try {
    const entry: Entry<T> = { savedAt: Date.now(), value };
    wx.setStorageSync(keyOf(name), entry);
  } catch {
    // A full storage only costs the next warm start; never fail the visitor's action for it.
  }
}

export function removeCache(name: string): void {
  try {
    wx.removeStorageSync(keyOf(name));
  } catch {
    // ignored: see writeCache
  }
}
