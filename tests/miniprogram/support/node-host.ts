// Node's realm (loaded by environment.js, not by Jest's module registry): the real local host,
// built as backend/host/local.ts wires it, over stores seeded from content/ once per worker.
import { mkdtempSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';
import type { FastifyInstance } from 'fastify';
import { buildHost } from '../../../backend/host/app';
import { localHostOptions, localSettings, localSigner } from '../../../backend/host/local';
import { CONTENT_DIR, seedTestStores, type SeededCatalogue } from './seeded-stores';

/**
 * The local host's defaults (127.0.0.1:3000, as miniprogram/config.ts knows it, and its video link
 * lifetime): media URLs in answers start where the app expects them.
 */
const SETTINGS = localSettings({});

/**
 * The day page tests live on (noon in Shanghai, 25 November 2026): the demo exhibitions' statuses
 * are computed on it, so which one is current does not change as the calendar moves on.
 */
export const TESTS_TODAY = Date.parse('2026-11-25T12:00:00+08:00');

let stores: Promise<string> | undefined;

function seededStores(): Promise<string> {
  stores ??= (async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pompidou-miniprogram-stores-'));
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    await seedTestStores(root);
    return root;
  })();
  return stores;
}

const hosts = new Map<SeededCatalogue, Promise<FastifyInstance>>();

async function buildLocalHost(catalogue: SeededCatalogue): Promise<FastifyInstance> {
  const storeDir = path.join(await seededStores(), catalogue);
  const signer = localSigner(SETTINGS, 'miniprogram-tests-signing-secret');
  return buildHost(
    await localHostOptions(
      storeDir,
      SETTINGS.publicUrl,
      signer,
      path.join(CONTENT_DIR, 'media'),
      () => TESTS_TODAY,
      // Favourites, reminders and purchases written by the tests stay in this worker's temp
      // folder, one folder per catalogue (the live state's files sit beside the visitors' file).
      path.join(await seededStores(), 'visitors', catalogue, 'visitors.db'),
    ),
  );
}

/** POST /api/<name> with a JSON body: the status and the body text the host answers. */
export async function post(
  catalogue: SeededCatalogue,
  functionName: string,
  eventJson: string,
  headers: Record<string, string> = {},
): Promise<{ statusCode: number; body: string }> {
  let host = hosts.get(catalogue);
  if (!host) {
    host = buildLocalHost(catalogue);
    hosts.set(catalogue, host);
  }
  const response = await (
    await host
  ).inject({
    method: 'POST',
    url: `/api/${encodeURIComponent(functionName)}`,
    headers: { ...headers, 'content-type': 'application/json' },
    payload: eventJson,
  });
  return { statusCode: response.statusCode, body: response.body };
}

/** GET a media path from the host, as a phone's download would: the status and the bytes, base64. */
export async function media(
  catalogue: SeededCatalogue,
  urlPath: string,
): Promise<{ statusCode: number; base64: string }> {
  let host = hosts.get(catalogue);
  if (!host) {
    host = buildLocalHost(catalogue);
    hosts.set(catalogue, host);
  }
  const response = await (await host).inject({ method: 'GET', url: urlPath });
  return { statusCode: response.statusCode, base64: response.rawPayload.toString('base64') };
}
