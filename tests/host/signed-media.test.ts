import { promises as fs } from 'fs';
import path from 'path';
import type { FastifyInstance } from 'fastify';
import { buildHost } from '../../backend/host/app';
import { createLinkSigner } from '../../backend/domain/signing';
import {
  localHostOptions,
  localSettings,
  localSigner,
  MEDIA_DIR,
  signingSecret,
} from '../../backend/host/local';
import { openSeededStore } from '../backend/fixture';
import { tempDir } from '../support/temp';

// A media folder of its own: a "video" of known bytes, so ranges can be checked byte for byte.
const BYTES = Buffer.from(Array.from({ length: 4096 }, (_, index) => index % 251));
const TTL = 60;

let app: FastifyInstance;
let signer: ReturnType<typeof createLinkSigner>;

beforeAll(async () => {
  const mediaDir = await tempDir('pompidou-media-');
  await fs.mkdir(path.join(mediaDir, 'video'));
  await fs.mkdir(path.join(mediaDir, 'images'));
  await fs.writeFile(path.join(mediaDir, 'video', 'tour.mp4'), BYTES);
  await fs.writeFile(path.join(mediaDir, 'video', 'other.mp4'), BYTES);
  await fs.writeFile(path.join(mediaDir, 'images', 'cover.jpg'), BYTES.subarray(0, 10));
  app = await buildHost({
    functions: {},
    mediaDir,
    // Stands in for the records: these files are what published records name.
    publishedMedia: (relative) =>
      ['video/tour.mp4', 'video/other.mp4', 'images/cover.jpg'].includes(relative),
    signedMedia: {
      prefix: 'video/',
      signer: createLinkSigner({ secret: 'host-secret-0123456789', baseUrl: 'x', ttlSeconds: TTL }),
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  signer = createLinkSigner({
    secret: 'host-secret-0123456789',
    baseUrl: `http://127.0.0.1:${address.port}/media`,
    ttlSeconds: TTL,
  });
});

afterAll(() => app.close());

/** The link without its expiry and signature. */
function withoutQuery(url: string): string {
  return new URL(url).origin + new URL(url).pathname;
}

describe('signed video links over HTTP', () => {
  it('serve the file on a valid link, with range requests', async () => {
    const { url } = signer.sign('video/tour.mp4');
    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('cache-control')).toContain('private');
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(BYTES);

    const part = await fetch(url, { headers: { range: 'bytes=1000-1999' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${BYTES.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(BYTES.subarray(1000, 2000));
  });

  it('answer 403 once the link has expired', async () => {
    const { url } = signer.sign('video/tour.mp4', Date.now() - (TTL + 1) * 1000);
    const response = await fetch(url, { headers: { range: 'bytes=0-99' } });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION_DENIED', message: expect.stringContaining('过期') },
    });
  });

  it('answer 403 to a tampered expiry, signature or path, and to no signature at all', async () => {
    const { url } = signer.sign('video/tour.mp4');
    const later = new URL(url);
    later.searchParams.set(
      'expires',
      String(Number(later.searchParams.get('expires')) + 86_400_000),
    );
    const forged = new URL(url);
    const sig = forged.searchParams.get('sig') as string;
    forged.searchParams.set('sig', `${sig[0] === 'a' ? 'b' : 'a'}${sig.slice(1)}`);
    const otherFile = url.replace('/video/tour.mp4', '/video/other.mp4');
    const bare = withoutQuery(url);
    for (const attempt of [later.toString(), forged.toString(), otherFile, bare]) {
      const response = await fetch(attempt);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'PERMISSION_DENIED' } });
    }
  });

  it('cannot be dodged by encoding the path, while other media stays open', async () => {
    const { url } = signer.sign('video/tour.mp4');
    const encoded = withoutQuery(url.replace('/media/video/', '/media/%76ideo/'));
    expect((await fetch(encoded)).status).not.toBe(200);
    const cover = await fetch(url.replace(/\/video\/tour\.mp4.*$/, '/images/cover.jpg'));
    expect(cover.status).toBe(200);
  });
});

describe('the local host as npm start wires it', () => {
  let host: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    const { storeDir } = await openSeededStore();
    const secretFile = path.join(await tempDir('pompidou-secret-'), 's');
    const secret = await signingSecret({}, secretFile);
    expect(await signingSecret({}, secretFile)).toBe(secret);
    // Listen first to learn the port, as PUBLIC_URL must name it.
    const probe = await buildHost({
      functions: {},
      mediaDir: MEDIA_DIR,
      publishedMedia: () => false,
    });
    await probe.listen({ host: '127.0.0.1', port: 0 });
    const address = probe.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    await probe.close();
    const settings = localSettings({ PORT: String(address.port), VIDEO_LINK_TTL: '300' });
    const linkSigner = localSigner(settings, secret);
    host = await buildHost(await localHostOptions(storeDir, settings.publicUrl, linkSigner));
    await host.listen({ host: settings.host, port: settings.port });
    base = settings.publicUrl;
  });

  afterAll(() => host.close());

  it('plays the replay video from the link that replays get answers, and refuses it bare', async () => {
    const response = await fetch(`${base}/api/replays`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'get', id: 'first-livestream-2020' }),
    });
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: { video: { url: string } } };
    expect(data.video.url.startsWith(`${base}/media/video/`)).toBe(true);
    const head = await fetch(data.video.url, { headers: { range: 'bytes=0-11' } });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-type')).toBe('video/mp4');
    // An MP4 file starts with its ftyp box.
    expect(
      Buffer.from(await head.arrayBuffer())
        .subarray(4, 8)
        .toString('latin1'),
    ).toBe('ftyp');
    expect((await fetch(withoutQuery(data.video.url))).status).toBe(403);
  });
});
