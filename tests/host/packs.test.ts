// Offline packs over real HTTP, wired as `npm start` wires them: every URL of the manifest serves
// exactly the bytes and SHA-256 the manifest gives, the data file included, and nothing unpublished.
import { createHash } from 'crypto';
import type { FastifyInstance } from 'fastify';
import { buildHost } from '../../backend/host/app';
import { localHostOptions, localSettings, localSigner } from '../../backend/host/local';
import type { Envelope, ExhibitionPack } from '../../miniprogram/types/api';
import { openSeededStore } from '../backend/fixture';

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  const { storeDir } = await openSeededStore();
  const settings = localSettings({ PORT: '0' });
  app = await buildHost(
    await localHostOptions(
      storeDir,
      settings.publicUrl,
      localSigner(settings, 'packs-test-secret-0123456'),
    ),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});

afterAll(() => app.close());

async function pack(id: string): Promise<{ status: number; body: Envelope<ExhibitionPack> }> {
  const response = await fetch(`${base}/api/exhibitions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'pack', id }),
  });
  return { status: response.status, body: (await response.json()) as Envelope<ExhibitionPack> };
}

/** The manifest's URLs name the host's public address; the test's host listens elsewhere. */
async function download(url: string): Promise<{ status: number; body: Buffer }> {
  const { pathname } = new URL(url);
  const response = await fetch(`${base}${pathname}`);
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('exhibitions pack over HTTP', () => {
  it('serves every file of the current exhibition exactly as the manifest describes it', async () => {
    const { status, body } = await pack('modern-masters-on-tour');
    expect(status).toBe(200);
    if (!body.ok) throw new Error(body.error.message);
    const manifest = body.data;
    expect(manifest.files.length).toBeGreaterThan(30);
    let total = 0;
    for (const file of manifest.files) {
      const served = await download(file.url);
      expect({ url: file.url, status: served.status }).toEqual({ url: file.url, status: 200 });
      expect({ url: file.url, bytes: served.body.length, sha256: sha256(served.body) }).toEqual({
        url: file.url,
        bytes: file.bytes,
        sha256: file.sha256,
      });
      total += served.body.length;
    }
    expect(manifest.totalBytes).toBe(total);
  });

  it('serves a data file holding the exhibition and its published works only', async () => {
    const { body } = await pack('modern-masters-on-tour');
    if (!body.ok) throw new Error(body.error.message);
    const dataFile = body.data.files.find((file) => file.kind === 'data');
    if (!dataFile) throw new Error('no data file');
    const served = await download(dataFile.url);
    const text = served.body.toString('utf8');
    const data = JSON.parse(text) as {
      exhibition: { id: string; works: Array<{ artworkId: string }> };
      artworks: Array<{ id: string; audio: { url: string } | null }>;
    };
    expect(data.exhibition.id).toBe('modern-masters-on-tour');
    expect(data.artworks.map((work) => work.id).sort()).toEqual(
      data.exhibition.works.map((work) => work.artworkId).sort(),
    );
    expect(data.artworks).toHaveLength(13);
    expect(text).not.toContain('secret');
  });

  it('serves no data file under another name, and no pack for an unknown exhibition', async () => {
    const { body } = await pack('modern-masters-on-tour');
    if (!body.ok) throw new Error(body.error.message);
    const dataFile = body.data.files[0];
    if (!dataFile) throw new Error('no files');
    const wrongHash = dataFile.url.replace(/-[0-9a-f]{12}\.json$/, '-000000000000.json');
    expect((await download(wrongHash)).status).toBe(404);
    const otherExhibition = dataFile.url.replace('modern-masters-on-tour', 'nowhere-at-all');
    expect((await download(otherExhibition)).status).toBe(404);
    const unknown = await pack('nowhere-at-all');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const draft = await pack('secret-preview');
    expect(draft.status).toBe(404);
  });
});
