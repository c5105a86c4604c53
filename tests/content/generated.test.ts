// DEMO_ARTWORKS: a big catalogue on top of content/, through the artworks function as visitors reach it.
import { promises as fs } from 'fs';
import path from 'path';
import {
  demoArtworkCount,
  GENERATED_EXHIBITION_ID,
  GENERATED_NOTE,
} from '../../backend/content/generated';
import { localMediaUrl } from '../../backend/domain/media';
import { createArtworksMain } from '../../backend/functions/artworks';
import { seedFromContent } from '../../backend/host/local';
import { NedbCatalogue } from '../../backend/repository/nedb';
import type { Artwork, ArtworkListPage, Envelope } from '../../miniprogram/types/api';
import { CONTENT_DIR } from '../backend/fixture';
import { tempDir } from '../support/temp';

describe('generated works (DEMO_ARTWORKS)', () => {
  let storeDir: string;
  let call: (event: object) => Promise<Envelope<unknown>>;

  beforeAll(async () => {
    storeDir = await tempDir('pompidou-generated-');
    const seeded = await seedFromContent(CONTENT_DIR, storeDir, { demoArtworks: 2000 });
    expect(seeded).toMatchObject({ artworks: 13, generated: 2000, reused: false });
    const repository = await NedbCatalogue.open(storeDir);
    call = createArtworksMain({ repository, mediaUrl: localMediaUrl('http://h') });
  });

  it('adds that many published works after the real ones, each marked as generated', async () => {
    const first = (await call({ action: 'list', limit: 50 })) as Envelope<ArtworkListPage>;
    if (!first.ok) throw new Error(first.error.message);
    expect(first.data.total).toBe(2013);
    expect(first.data.items.slice(0, 13).map((item) => item.id)).not.toContain('demo-000001');
    const generated = (await call({
      action: 'byNumber',
      number: '100000',
      exhibitionId: GENERATED_EXHIBITION_ID,
    })) as Envelope<Artwork>;
    if (!generated.ok) throw new Error(generated.error.message);
    expect(generated.data.id).toBe('demo-000001');
    expect(generated.data.title.zh).toMatch(/（样本 1）$/);
    expect(Object.values(generated.data.unverified)).toContain(GENERATED_NOTE);
    const last = (await call({
      action: 'byNumber',
      number: '101999',
      exhibitionId: GENERATED_EXHIBITION_ID,
    })) as Envelope<Artwork>;
    expect(last).toMatchObject({ ok: true, data: { id: 'demo-002000' } });
  });

  it('walks all 2,013 works once, page by page', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page = (await call({
        action: 'list',
        limit: 50,
        ...(cursor ? { cursor } : {}),
      })) as Envelope<ArtworkListPage>;
      if (!page.ok) throw new Error(page.error.message);
      for (const item of page.data.items) seen.add(item.id);
      cursor = page.data.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(2013);
  });

  it('reuses the store for the same count and rebuilds it for another', async () => {
    expect((await seedFromContent(CONTENT_DIR, storeDir, { demoArtworks: 2000 })).reused).toBe(
      true,
    );
    expect((await seedFromContent(CONTENT_DIR, storeDir, { demoArtworks: 0 })).reused).toBe(false);
    const repository = await NedbCatalogue.open(storeDir);
    expect((await repository.listArtworks({ limit: 1 })).total).toBe(13);
    expect((await fs.readdir(storeDir)).filter((entry) => entry.startsWith('gen-'))).toHaveLength(
      1,
    );
    expect(path.basename(storeDir)).toMatch(/^pompidou-generated-/);
  });

  it('reads DEMO_ARTWORKS strictly', () => {
    expect(demoArtworkCount({})).toBe(0);
    expect(demoArtworkCount({ DEMO_ARTWORKS: ' 10000 ' })).toBe(10000);
    for (const bad of ['-1', '1.5', 'ten', '2000000']) {
      expect(() => demoArtworkCount({ DEMO_ARTWORKS: bad })).toThrow(/DEMO_ARTWORKS/);
    }
  });
});
