import { randomBytes } from 'crypto';
import os from 'os';
import path from 'path';
import type { FastifyInstance } from 'fastify';
import { buildHost } from '../../../backend/host/app';
import {
  CONTENT_DIR,
  localHostOptions,
  localSettings,
  localSigner,
  seedFromContent,
} from '../../../backend/host/local';
import { config } from '../../../miniprogram/config';

/** A store of its own, so the specs never rewrite the one `npm start` serves. */
const E2E_STORE_DIR = path.join(os.tmpdir(), 'pompidou-guide-e2e-store');

export interface LocalHost {
  baseUrl: string;
  /** false when a host (`npm start`) was already answering there. */
  startedHere: boolean;
  close(): Promise<void>;
}

/**
 * The mini program calls the address in miniprogram/config.ts: the specs make sure the real
 * local host answers there, reusing a running `npm start` or starting one seeded from content/.
 */
export async function ensureLocalHost(): Promise<LocalHost> {
  if (config.cloudEnv) {
    throw new Error(
      `miniprogram/config.ts sets cloudEnv "${config.cloudEnv}": the app would call CloudBase, ` +
        'while the e2e specs assert against the local host and content/. Clear cloudEnv to run them.',
    );
  }
  const baseUrl = config.localBaseUrl.replace(/\/+$/, '');
  if (await answersAsGuideHost(baseUrl)) {
    return { baseUrl, startedHere: false, close: async () => undefined };
  }
  const app = await startHost(baseUrl);
  return { baseUrl, startedHere: true, close: () => app.close() };
}

async function startHost(baseUrl: string): Promise<FastifyInstance> {
  const url = new URL(baseUrl);
  const settings = localSettings({
    PORT: url.port || (url.protocol === 'https:' ? '443' : '80'),
    HOST: url.hostname,
    PUBLIC_URL: baseUrl,
  });
  await seedFromContent(CONTENT_DIR, E2E_STORE_DIR);
  // A throwaway secret: video links only need to outlive one run.
  const signer = localSigner(settings, randomBytes(32).toString('hex'));
  const app = await buildHost(await localHostOptions(E2E_STORE_DIR, settings.publicUrl, signer));
  try {
    await app.listen({ port: settings.port, host: settings.host });
  } catch (error) {
    await app.close();
    throw new Error(
      `Could not serve the local host on ${baseUrl} (miniprogram/config.ts localBaseUrl): ` +
        `${error instanceof Error ? error.message : String(error)}. Something else may hold the port.`,
      { cause: error },
    );
  }
  return app;
}

async function answersAsGuideHost(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
    const body = (await response.json()) as { ok?: boolean; data?: { functions?: string[] } };
    const functions = body.data?.functions ?? [];
    return body.ok === true && functions.includes('artworks') && functions.includes('replays');
  } catch {
    return false;
  }
}
