// The visitors function over real HTTP, wired as `npm start` wires it: who calls is the
// X-WX-OPENID request header, and nothing else.
import { promises as fs } from 'fs';
import path from 'path';
import type { FastifyInstance } from 'fastify';
import { buildHost, hostContext } from '../../backend/host/app';
import { localHostOptions, localSettings, localSigner } from '../../backend/host/local';
import { openSeededStore } from '../backend/fixture';
import { tempDir } from '../support/temp';

let app: FastifyInstance;
let base: string;
let visitorsFile: string;

beforeAll(async () => {
  const { storeDir } = await openSeededStore();
  const settings = localSettings({ PORT: '0' });
  visitorsFile = path.join(await tempDir('pompidou-host-visitors-'), 'visitors.db');
  app = await buildHost(
    await localHostOptions(
      storeDir,
      settings.publicUrl,
      localSigner(settings, 'visitors-test-secret-0123'),
      undefined,
      undefined,
      visitorsFile,
    ),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});

afterAll(() => app.close());

async function visitors(body: object, openid?: string) {
  const response = await fetch(`${base}/api/visitors`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(openid === undefined ? {} : { 'x-wx-openid': openid }),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('POST /api/visitors', () => {
  it('answers 403 PERMISSION_DENIED without a well-formed X-WX-OPENID header', async () => {
    for (const openid of [undefined, '', 'not allowed!', 'x'.repeat(65), 'dev.alice']) {
      const answer = await visitors({ action: 'favorites' }, openid);
      expect({ openid, status: answer.status }).toEqual({ openid, status: 403 });
      expect(answer.body).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    }
    // An openid in the body is no identity.
    expect((await visitors({ action: 'favorites', openid: 'dev_alice' })).status).toBe(403);
  });

  it('keeps each header identity to its own favourites, in the NeDB file', async () => {
    const favorite = { action: 'favorite', artworkId: 'picasso-guitariste-1910', on: true };
    expect(await visitors(favorite, 'dev_alice')).toEqual({
      status: 200,
      body: { ok: true, data: { items: ['picasso-guitariste-1910'] } },
    });
    expect(await visitors({ action: 'favorites' }, 'dev_bob')).toEqual({
      status: 200,
      body: { ok: true, data: { items: [] } },
    });
    expect((await visitors({ action: 'favorites' }, 'dev_alice')).body).toEqual({
      ok: true,
      data: { items: ['picasso-guitariste-1910'] },
    });
    expect(await fs.readFile(visitorsFile, 'utf8')).toContain('"_id":"dev_alice"');
  });

  it('answers 404 for an unpublished work and 400 naming the field for a bad event', async () => {
    const draft = { action: 'favorite', artworkId: 'picasso-secret-draft', on: true };
    expect(await visitors(draft, 'dev_alice')).toMatchObject({
      status: 404,
      body: { ok: false, error: { code: 'NOT_FOUND' } },
    });
    const bad = await visitors({ action: 'favorite', artworkId: 'picasso-guitariste-1910' }, 'u1');
    expect(bad).toMatchObject({
      status: 400,
      body: { ok: false, error: { code: 'INVALID_ARGUMENT', message: '缺少参数 on。' } },
    });
  });
});

describe('hostContext', () => {
  it('carries a well-formed header as the openid, and nothing else', () => {
    expect(hostContext('oAbC-123_x')).toEqual({ source: 'local-host', openid: 'oAbC-123_x' });
    for (const header of [undefined, '', 'a,b', ['a', 'b'], 'x'.repeat(65), ' a']) {
      expect(hostContext(header)).toEqual({ source: 'local-host' });
    }
  });
});
