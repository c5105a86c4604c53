import { promises as fs } from 'fs';
import path from 'path';
import type { FastifyInstance } from 'fastify';
import { buildHost } from '../../backend/host/app';
import { localMediaUrl } from '../../backend/domain/media';
import { createArtworksMain } from '../../backend/functions/artworks';
import { CONTENT_DIR, openSeededStore } from '../backend/fixture';

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  const { repository } = await openSeededStore();
  app = await buildHost({
    functions: {
      artworks: createArtworksMain({ repository, mediaUrl: localMediaUrl('http://127.0.0.1') }),
      broken: () => Promise.reject(new Error('handler crashed')),
    },
    mediaDir: path.join(CONTENT_DIR, 'media'),
    bodyLimit: 16 * 1024,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${address.port}`;
});

afterAll(() => app.close());

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

  it('answers 413 with the envelope for an oversized body, and keeps serving', async () => {
    const response = await post(
      'artworks',
      JSON.stringify({ action: 'list', q: 'x'.repeat(20000) }),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });
    expect((await post('artworks', '{"action":"artists"}')).status).toBe(200);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const response = await post('artworks', 'action=list', 'application/x-www-form-urlencoded');
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });
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

  it('answers 416 for a range past the end', async () => {
    const response = await fetch(`${base}/media/${image}`, {
      headers: { range: 'bytes=999999999-' },
    });
    expect(response.status).toBe(416);
  });

  it('answers 404 with the envelope for a missing file and never serves outside the media root', async () => {
    const missing = await fetch(`${base}/media/images/none.jpg`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const escape = await fetch(`${base}/media/..%2f..%2fpackage.json`);
    expect([403, 404]).toContain(escape.status);
    expect(await escape.text()).not.toContain('"devDependencies"');
  });
});
