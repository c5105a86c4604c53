import type MiniProgram from 'miniprogram-automator/out/MiniProgram';
import type { LocalHost } from './host';

/** What the global setup opened and the global teardown closes (they share one process). */
export interface E2EResources {
  host?: LocalHost;
  devtools?: MiniProgram;
}

const KEY = '__pompidouGuideE2E';

export function resources(): E2EResources {
  const store = globalThis as unknown as Record<string, E2EResources | undefined>;
  store[KEY] ??= {};
  return store[KEY];
}
