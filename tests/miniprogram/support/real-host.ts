// The backend the pages talk to in these tests: the real local host (`buildHost`) with the real
// `artworks` and `replays` functions over a NeDB store seeded from content/, answered in-process
// with `inject` (support/node-host.ts, in Node's realm). Statuses, envelopes, cursors, search and
// error messages are the real ones.
import type { Artwork, Envelope } from '../../../miniprogram/types/api';
import type { HostAnswer, HostHandler } from './fake-wx';
import type { SeededCatalogue } from './seeded-stores';

interface RealHostBridge {
  post(
    catalogue: SeededCatalogue,
    functionName: string,
    eventJson: string,
    headers?: Record<string, string>,
  ): Promise<{ statusCode: number; body: string }>;
}

declare global {
  var realHostBridge: RealHostBridge | undefined;
}

export interface RealHostOptions {
  /** Which seeded store answers (support/seeded-stores.ts); `content`, content/ as is, by default. */
  catalogue?: SeededCatalogue;
  /**
   * The page size the functions are asked for on `list`, whatever the page asked: content/ fits
   * in one page of the app's size, a museum's catalogue does not. The cursors stay the real ones.
   */
  pageSize?: number;
}

const inFlight = new Set<Promise<unknown>>();

/** Resolves once the host has answered every request it was asked (pages may ask again). */
export async function hostAnswered(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}

/** POST /api/<name>: the status and the JSON body exactly as the host answers. */
async function post(
  catalogue: SeededCatalogue,
  name: string,
  event: unknown,
  header: Record<string, unknown> = {},
): Promise<HostAnswer> {
  const bridge = globalThis.realHostBridge;
  if (!bridge) {
    throw new Error('realHost() needs testEnvironment: tests/miniprogram/support/environment.js');
  }
  // The caller's identity is the one header the host reads from the app (X-WX-OPENID).
  const openid = Object.entries(header).find(([key]) => key.toLowerCase() === 'x-wx-openid')?.[1];
  const headers = typeof openid === 'string' ? { 'x-wx-openid': openid } : undefined;
  const pending = bridge.post(catalogue, name, JSON.stringify(event), headers);
  inFlight.add(pending);
  try {
    const answer = await pending;
    // Parsed here, so the pages get objects of their own realm.
    return { statusCode: answer.statusCode, data: JSON.parse(answer.body) as unknown };
  } finally {
    inFlight.delete(pending);
  }
}

/** A `HostHandler` answered by the real host (install it as `fakeWx().host`). */
export function realHost(options: RealHostOptions = {}): HostHandler {
  const catalogue = options.catalogue ?? 'content';
  return (functionName, event, header) =>
    post(
      catalogue,
      functionName,
      options.pageSize !== undefined && event.action === 'list'
        ? { ...event, limit: options.pageSize }
        : event,
      header,
    );
}

/** What the real function answers to `event`, unwrapped: for tests that need a record itself. */
export async function fetchData<T>(
  functionName: string,
  event: Record<string, unknown>,
  catalogue: SeededCatalogue = 'content',
): Promise<T> {
  const envelope = (await post(catalogue, functionName, event)).data as Envelope<T>;
  if (!envelope.ok) {
    throw new Error(`${functionName} ${JSON.stringify(event)}: ${envelope.error.message}`);
  }
  return envelope.data;
}

/** An artwork as the real `artworks get` answers it. */
export function fetchArtwork(id: string, catalogue?: SeededCatalogue): Promise<Artwork> {
  return fetchData<Artwork>('artworks', { action: 'get', id }, catalogue);
}
