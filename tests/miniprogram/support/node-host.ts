// Node's realm (loaded by environment.js, not by Jest's module registry): the real local host,
// built as backend/host/local.ts wires it, over stores seeded from content/ once per worker.
import { mkdtempSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';
import type { FastifyInstance } from 'fastify';
import { localMediaUrl } from '../../../backend/domain/media';
import { createLinkSigner } from '../../../backend/domain/signing';
import { localVideoLinker } from '../../../backend/domain/video-links';
import { createArtworksMain } from '../../../backend/functions/artworks';
import { createReplaysMain } from '../../../backend/functions/replays';
import { buildHost } from '../../../backend/host/app';
import { NedbCatalogue } from '../../../backend/repository/nedb';
import { CONTENT_DIR, seedTestStores, type SeededCatalogue } from './seeded-stores';

/** The host's public URL, as miniprogram/config.ts knows it: media URLs in answers start here. */
const PUBLIC_URL = 'http://127.0.0.1:3000';
/** The local host's default lifetime of a signed video link. */
const VIDEO_LINK_TTL_SECONDS = 2 * 60 * 60;

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
  const repository = await NedbCatalogue.open(path.join(await seededStores(), catalogue));
  const mediaUrl = localMediaUrl(PUBLIC_URL);
  const signer = createLinkSigner({
    secret: 'miniprogram-tests-signing-secret',
    baseUrl: `${PUBLIC_URL}/media`,
    ttlSeconds: VIDEO_LINK_TTL_SECONDS,
  });
  const logError = (error: unknown) => console.error(error);
  return buildHost({
    functions: {
      artworks: createArtworksMain({ repository, mediaUrl, logError }),
      replays: createReplaysMain({
        repository,
        mediaUrl,
        videoLink: localVideoLinker(signer),
        logError,
      }),
    },
    mediaDir: path.join(CONTENT_DIR, 'media'),
    signedMedia: { prefix: 'video/', signer },
  });
}

/** POST /api/<name> with a JSON body: the status and the body text the host answers. */
export async function post(
  catalogue: SeededCatalogue,
  functionName: string,
  eventJson: string,
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
    headers: { 'content-type': 'application/json' },
    payload: eventJson,
  });
  return { statusCode: response.statusCode, body: response.body };
}
