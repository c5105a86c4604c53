// The real local host (fastify + the cloud function handlers over NeDB), in this process, on a free
// loopback port, over a store seeded from content/ into a temporary folder: .local/ is not touched.
import { mkdtemp, rm } from 'fs/promises';
import net from 'net';
import os from 'os';
import path from 'path';
import { buildHost } from '../../backend/host/app';
import {
  CONTENT_DIR,
  localHostOptions,
  MEDIA_DIR,
  localSigner,
  seedFromContent,
} from '../../backend/host/local';

export interface RunningHost {
  url: string;
  close(): Promise<void>;
}

/** Fixed, so video links differ only by their expiry; this host lives for one run. */
const SIGNING_SECRET = 'pompidou-shots-signing-secret';
const LOOPBACK = '127.0.0.1';

/** The day the pictures show (as the pages' frozen clock: scripts/shots/harness.ts). */
const SHOTS_DAY = Date.parse('2026-11-25T02:00:00Z');

export async function startHost(): Promise<RunningHost> {
  const storeDir = await mkdtemp(path.join(os.tmpdir(), 'pompidou-shots-store-'));
  try {
    await seedFromContent(CONTENT_DIR, storeDir);
    // Media URLs in every answer are built on the public URL, so the port is chosen first.
    const port = await freePort();
    const url = `http://${LOOPBACK}:${port}`;
    const signer = localSigner(
      { port, host: LOOPBACK, publicUrl: url, videoLinkTtl: 2 * 60 * 60 },
      SIGNING_SECRET,
    );
    // The host's day is the pictures' day: which exhibition is current does not drift.
    const app = await buildHost(
      await localHostOptions(
        storeDir,
        url,
        signer,
        MEDIA_DIR,
        () => SHOTS_DAY,
        // Favourites, reminders and purchases of the run stay in its temporary folder.
        path.join(storeDir, 'visitors', 'visitors.db'),
      ),
    );
    await app.listen({ port, host: LOOPBACK });
    return {
      url,
      async close() {
        await app.close();
        await rm(storeDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(storeDir, { recursive: true, force: true });
    throw error;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
