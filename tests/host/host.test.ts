import { promises as fs } from 'fs';
import http from 'http';
import path from 'path';
import type { FastifyInstance } from 'fastify';
import { buildHost } from '../../backend/host/app';
import { localMediaUrl } from '../../backend/domain/media';
import { createArtworksMain } from '../../backend/functions/artworks';
import { CONTENT_DIR, openSeededStore } from '../backend/fixture';
import { tempDir } from '../support/temp';

let app: FastifyInstance;
let base: string;
let mediaDir: string;

/** Files the unpublished draft artwork and replay of the fixture name: they exist, yet stay unserved. */
const UNPUBLISHED_MEDIA = [
  'images/picasso-secret-draft.jpg',
  'images/picasso-secret-draft.thumb.jpg',
  'audio/picasso-secret-draft.m4a',
  'images/secret-rehearsal-2030.jpg',
  'video/secret-rehearsal-2030.mp4',
];

beforeAll(async () => {
  const { repository } = await openSeededStore();
  // The content's pictures plus the drafts' files, in a folder of the test's own.
  mediaDir = await tempDir('pompidou-host-media-');
  await fs.cp(path.join(CONTENT_DIR, 'media', 'images'), path.join(mediaDir, 'images'), {
    recursive: true,
  });
  await fs.mkdir(path.join(mediaDir, 'audio'));
  await fs.mkdir(path.join(mediaDir, 'video'));
  for (const file of UNPUBLISHED_MEDIA) {
    await fs.writeFile(path.join(mediaDir, file), `draft bytes of ${file}`);
  }
  app = await buildHost({
    functions: {
      artworks: createArtworksMain({ repository, mediaUrl: localMediaUrl('http://127.0.0.1') }),
      broken: () => Promise.reject(new Error('handler crashed')),
    },
    mediaDir,
    publishedMedia: (relative) => repository.isPublishedMedia(relative),
    bodyLimit: 16 * 1024,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${address.port}`;
});

afterAll(() => app.close());

/** A request with the path sent exactly as written (fetch would normalise dots and escapes). */
function raw(method: string, rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}/`, { method, path: rawPath }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

function post(name: string, body: string, contentType = 'application/json') {
  return fetch(`${base}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
}

describe('POST /api/<function>', () => {
  it('answers 200 with the envelope', async () => {
    const response = await post('artworks', JSON.stringify({ action: 'list', limit: 2 }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      ok: boolean;
      data: { items: unknown[]; nextCursor: unknown };
    };
    expect(body.ok).toBe(true);
    expect(body.data.items).toHaveLength(2);
    expect(typeof body.data.nextCursor).toBe('string');
  });

  it('answers 400 for a bad event and 404 for an unknown record, with the envelope', async () => {
    const bad = await post('artworks', JSON.stringify({ action: 'list', limit: 0 }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const missing = await post('artworks', JSON.stringify({ action: 'get', id: 'nope' }));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-missing-function')).toBeNull();
    expect(await missing.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('answers 404 for a function that does not exist', async () => {
    const response = await post('payments', '{}');
    expect(response.status).toBe(404);
    // How the mini program tells a function missing from a record missing.
    expect(response.headers.get('x-missing-function')).toBe('payments');
    expect(await response.json()).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('payments') },
    });
  });

  it('answers 400 with the envelope for malformed JSON', async () => {
    const response = await post('artworks', '{"action": "list",');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('JSON') },
    });
  });

  it('answers 400 for a JSON body that is not an object', async () => {
    const response = await post('artworks', '"list"');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });
  });

  it('answers 400 with the envelope for an oversized body, and keeps serving', async () => {
    const response = await post(
      'artworks',
      JSON.stringify({ action: 'list', q: 'x'.repeat(20000) }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: '请求体过大：上限为 16 KB。' },
    });
    expect((await post('artworks', '{"action":"artists"}')).status).toBe(200);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const response = await post('artworks', 'action=list', 'application/x-www-form-urlencoded');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('Content-Type') },
    });
  });

  it('refuses a JSON body that reaches for the prototype, naming the key', async () => {
    const cases: Array<[body: string, key: string]> = [
      ['{"action":"list","__proto__":{"published":false}}', '__proto__'],
      ['{"action":"list","q":{"constructor":{"prototype":{"x":1}}}}', 'constructor.prototype'],
    ];
    for (const [body, key] of cases) {
      const response = await post('artworks', body);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: `请求体不能包含键 ${key}。` },
      });
    }
    expect(({} as Record<string, unknown>).published).toBeUndefined();
  });

  it('answers a bad %-encoding in the address with the envelope, in Chinese', async () => {
    for (const url of ['/api/%ff', '/media/%c0%ae%c0%ae/package.json', '/%']) {
      const response = await raw('GET', url);
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body)).toEqual({
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('百分号编码') },
      });
    }
  });

  it('answers 500 INTERNAL, not a crash, when a handler fails', async () => {
    const response = await post('broken', '{}');
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('GET /healthz', () => {
  it('reports the functions served', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      data: { status: 'ok', functions: ['artworks', 'broken'] },
    });
  });
});

describe('media', () => {
  const image = 'images/picasso-aubade-1942.jpg';

  it('serves an image whole with its content type', async () => {
    const response = await fetch(`${base}/media/${image}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    const onDisk = await fs.readFile(path.join(CONTENT_DIR, 'media', image));
    expect(Buffer.from(await response.arrayBuffer()).equals(onDisk)).toBe(true);
  });

  it('answers a range request with 206 and exactly those bytes', async () => {
    const onDisk = await fs.readFile(path.join(CONTENT_DIR, 'media', image));
    const response = await fetch(`${base}/media/${image}`, {
      headers: { range: 'bytes=100-1123' },
    });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 100-1123/${onDisk.length}`);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length).toBe(1024);
    expect(body.equals(onDisk.subarray(100, 1124))).toBe(true);
  });

  it('answers a suffix range longer than the file with the whole file (RFC 9110)', async () => {
    const onDisk = await fs.readFile(path.join(CONTENT_DIR, 'media', image));
    const response = await fetch(`${base}/media/${image}`, {
      headers: { range: 'bytes=-99999999' },
    });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(
      `bytes 0-${onDisk.length - 1}/${onDisk.length}`,
    );
    expect(Buffer.from(await response.arrayBuffer()).equals(onDisk)).toBe(true);
    const tail = await fetch(`${base}/media/${image}`, { headers: { range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(onDisk.subarray(-10))).toBe(true);
  });

  it('answers 416 with the envelope for a range past the end', async () => {
    for (const range of ['bytes=999999999-', 'bytes=-0']) {
      const response = await fetch(`${base}/media/${image}`, { headers: { range } });
      expect(response.status).toBe(416);
      expect(await response.json()).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('Range') },
      });
    }
  });

  it('never serves the media of unpublished works and replays, though the files exist', async () => {
    for (const file of UNPUBLISHED_MEDIA) {
      const response = await fetch(`${base}/media/${file}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND', message: '没有这个媒体文件。' },
      });
    }
    const published = await fetch(`${base}/media/images/picasso-guitariste-1910.thumb.jpg`);
    expect(published.status).toBe(200);
  });

  it('answers 404 with the envelope for a missing file, a folder, and anything outside the root', async () => {
    for (const url of [
      '/media/images/none.jpg',
      '/media/images/',
      '/media/',
      '/media/..%2f..%2fpackage.json',
      '/media/../../package.json',
      '/media/%2e%2e/%2e%2e/package.json',
      '/media/images/..%2f..%2f..%2fpackage.json',
    ]) {
      const response = await raw('GET', url);
      expect({ url, status: response.status }).toEqual({ url, status: 404 });
      expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(response.body).not.toContain('devDependencies');
    }
  });
});
