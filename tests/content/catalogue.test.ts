import { promises as fs } from 'fs';
import path from 'path';
import { ContentError, loadCatalogue } from '../../backend/content/load';
import { seedFromContent } from '../../backend/host/local';
import { NedbCatalogue, seedLocalStore } from '../../backend/repository/nedb';
import { CONTENT_DIR } from '../backend/fixture';
import { tempDir } from '../support/temp';

const EXPECTED_WORKS: Array<[number: string, title: string, year: string]> = [
  ['501', 'Le Guitariste', '1910'],
  ['502', 'Arlequin', '1923'],
  ['503', 'La Muse', '1935'],
  ['504', "L'Aubade", '1942'],
  ['511', 'À la Russie, aux ânes et aux autres', '1911–1912'],
  ['512', 'Double portrait au verre de vin', '1917–1918'],
  ['513', 'Les Mariés de la tour Eiffel', '1938–1939'],
  ['514', "Autour d'elle", '1945'],
  ['521', 'Impression V (Parc)', '1911'],
  ['522', "Avec l'arc noir", '1912'],
  ['523', 'Tableau à la tache rouge', '1914'],
  ['524', 'Jaune-rouge-bleu', '1925'],
  ['525', 'Bleu de ciel', '1940'],
];

async function copyContent(): Promise<string> {
  const dir = await tempDir('pompidou-content-');
  await fs.cp(CONTENT_DIR, dir, { recursive: true });
  return dir;
}

describe('the committed catalogue', () => {
  it('holds the thirteen works with their label numbers, titles and years', async () => {
    const { artworks, artists } = await loadCatalogue(CONTENT_DIR);
    expect(artists.map((artist) => artist.id).sort()).toEqual(['chagall', 'kandinsky', 'picasso']);
    const normalise = (text: string) => text.replace(/[’']/g, "'");
    const rows = artworks
      .map((doc): [string, string, string] => [doc.number, normalise(doc.title.original), doc.year])
      .sort(([a], [b]) => a.localeCompare(b));
    expect(rows).toEqual(
      EXPECTED_WORKS.map(([number, title, year]) => [
        number,
        expect.stringContaining(normalise(title)),
        year,
      ]),
    );
    for (const doc of artworks) {
      expect(doc.published).toBe(true);
      expect(doc.location.floor).toBe('5');
      expect(doc.description.replace(/[^\u4e00-\u9fff]/g, '').length).toBeGreaterThanOrEqual(200);
    }
  });

  it('carries stand-in images within budget, with the sizes measured from the files', async () => {
    const { artworks } = await loadCatalogue(CONTENT_DIR);
    for (const doc of artworks) {
      const image = await fs.stat(path.join(CONTENT_DIR, 'media', doc.image.path));
      const thumbnail = await fs.stat(path.join(CONTENT_DIR, 'media', doc.thumbnail.path));
      expect(image.size).toBeLessThanOrEqual(200 * 1024);
      expect(thumbnail.size).toBeLessThanOrEqual(30 * 1024);
      expect(Math.max(doc.image.width, doc.image.height)).toBeGreaterThanOrEqual(720);
      const ratio = (image: { width: number; height: number }) => image.width / image.height;
      expect(ratio(doc.thumbnail)).toBeCloseTo(ratio(doc.image), 1);
    }
  });
});

describe('corrections from the museum’s collection records', () => {
  it('carries the inventory numbers found, the museum’s title, and says which are unconfirmed', async () => {
    const { artworks } = await loadCatalogue(CONTENT_DIR);
    const byId = new Map(artworks.map((doc) => [doc.id, doc]));
    expect(Object.fromEntries(artworks.map((doc) => [doc.id, doc.inventoryNumber]))).toEqual({
      'picasso-guitariste-1910': null,
      'picasso-arlequin-1923': 'AM 4313 P',
      'picasso-la-muse-1935': null,
      'picasso-aubade-1942': 'AM 2730 P',
      'chagall-a-la-russie-1911': null,
      'chagall-double-portrait-1917': 'AM 2774 P',
      'chagall-maries-tour-eiffel-1938': null,
      'chagall-autour-d-elle-1945': null,
      'kandinsky-impression-v-1911': 'AM 1976-851',
      'kandinsky-arc-noir-1912': 'AM 1976-852',
      'kandinsky-tache-rouge-1914': 'AM 1976-853',
      'kandinsky-jaune-rouge-bleu-1925': 'AM 1976-856',
      'kandinsky-bleu-de-ciel-1940': 'AM 1976-862',
    });
    for (const doc of artworks) {
      // A number without the museum's record page to show for it says so.
      if (doc.inventoryNumber === null || doc.sources.length === 0) {
        expect({ id: doc.id, note: doc.unverified.inventoryNumber }).toEqual({
          id: doc.id,
          note: expect.any(String),
        });
      }
      for (const source of doc.sources)
        expect(source.url).toMatch(/^https:\/\/www\.centrepompidou\.fr\//);
    }
    expect(byId.get('kandinsky-jaune-rouge-bleu-1925')?.title.original).toBe(
      'Gelb-Rot-Blau (Jaune-rouge-bleu)',
    );
  });

  it('does not date Bleu de ciel against the occupation, and hedges what no museum source confirms', async () => {
    const { artworks } = await loadCatalogue(CONTENT_DIR);
    const byId = new Map(artworks.map((doc) => [doc.id, doc]));
    const text = (id: string) => {
      const doc = byId.get(id);
      return `${doc?.description ?? ''}${(doc?.transcript ?? []).map((cue) => cue.text).join('')}`;
    };
    expect(text('kandinsky-bleu-de-ciel-1940')).not.toMatch(/这一年夏天，德军开进了巴黎/);
    expect(byId.get('kandinsky-bleu-de-ciel-1940')?.unverified.year).toMatch(/没有写明月份/);
    expect(text('chagall-maries-tour-eiffel-1938')).not.toMatch(/山羊/);
    expect(text('chagall-autour-d-elle-1945')).not.toMatch(/九个月|好几个月/);
    expect(text('chagall-autour-d-elle-1945')).toMatch(/据说/);
  });
});

describe('validation', () => {
  it('names the file, the record and the field of every problem, and loads nothing', async () => {
    const dir = await copyContent();
    const file = path.join(dir, 'artworks', 'picasso-arlequin-1923.yaml');
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(
      file,
      text.replace(/^number: .*$/m, 'number: "50A"').replace(/^artist: .*$/m, 'artist: braque'),
    );
    await fs.writeFile(
      path.join(dir, 'artworks', 'kandinsky-arc-noir-1912.yaml'),
      (
        await fs.readFile(path.join(dir, 'artworks', 'kandinsky-arc-noir-1912.yaml'), 'utf8')
      ).replace(/^number: .*$/m, 'number: "525"'),
    );
    const failure = await loadCatalogue(dir).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ContentError);
    const problems = (failure as ContentError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /content\/artworks\/picasso-arlequin-1923\.yaml（作品 picasso-arlequin-1923） 字段 number：/,
        ),
        expect.stringMatching(
          /kandinsky-\S+\.yaml（作品 kandinsky-\S+） 字段 number：展签编号 525/,
        ),
      ]),
    );
  });

  it('rejects an unknown artist, a short description, a typo in a key and a missing image', async () => {
    const dir = await copyContent();
    const file = path.join(dir, 'artworks', 'chagall-autour-d-elle-1945.yaml');
    let text = await fs.readFile(file, 'utf8');
    text = text
      .replace(/^artist: .*$/m, 'artist: braque')
      .replace(/^medium:/m, 'meduim:')
      .replace(/^thumbnail: .*$/m, 'thumbnail: images/missing.jpg');
    await fs.writeFile(file, text);
    const problems = ((await loadCatalogue(dir).catch((error: unknown) => error)) as ContentError)
      .problems;
    expect(problems.join('\n')).toContain('chagall-autour-d-elle-1945.yaml');
    expect(problems.some((problem) => problem.includes('meduim'))).toBe(true);
    expect(problems.some((problem) => problem.includes('medium'))).toBe(true);

    const other = await copyContent();
    const file2 = path.join(other, 'artworks', 'chagall-autour-d-elle-1945.yaml');
    const edited = (await fs.readFile(file2, 'utf8'))
      .replace(/^artist: .*$/m, 'artist: braque')
      .replace(/^thumbnail: .*$/m, 'thumbnail: images/missing.jpg');
    await fs.writeFile(file2, edited);
    const problems2 = (
      (await loadCatalogue(other).catch((error: unknown) => error)) as ContentError
    ).problems;
    expect(problems2).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/字段 artist：artists\.yaml 中没有 id 为 braque/),
        expect.stringMatching(/字段 thumbnail：图片 media\/images\/missing\.jpg/),
      ]),
    );
  });

  it('rejects a file that is not YAML', async () => {
    const dir = await copyContent();
    await fs.writeFile(path.join(dir, 'artists.yaml'), 'id: [unclosed');
    const failure = (await loadCatalogue(dir).catch((error: unknown) => error)) as ContentError;
    expect(failure.problems[0]).toMatch(/content\/artists\.yaml：.*YAML/);
  });
});

describe('seeding the embedded store', () => {
  it('imports once, reuses unchanged content, and never duplicates records', async () => {
    const storeDir = await tempDir('pompidou-seed-');
    const first = await seedFromContent(CONTENT_DIR, storeDir);
    const second = await seedFromContent(CONTENT_DIR, storeDir);
    expect(first.reused).toBe(false);
    expect(second.reused).toBe(true);
    const repository = await NedbCatalogue.open(storeDir);
    expect((await repository.listArtworks({ limit: 100 })).total).toBe(13);
  });

  it('writes nothing when started again on unchanged content, opening included', async () => {
    const storeDir = await tempDir('pompidou-seed-');
    const { generation } = await seedFromContent(CONTENT_DIR, storeDir);
    const files = [
      'CURRENT',
      ...['artworks.db', 'artists.db', 'replays.db'].map((name) => path.join(generation, name)),
    ];
    const stamp = async () =>
      Promise.all(
        files.map(async (file) => {
          const stat = await fs.stat(path.join(storeDir, file));
          return `${file} ${stat.ino} ${stat.mtimeMs}`;
        }),
      );
    const before = await stamp();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await seedFromContent(CONTENT_DIR, storeDir)).reused).toBe(true);
    // What the host does on every start: open the store and read it.
    const repository = await NedbCatalogue.open(storeDir);
    expect((await repository.listArtworks({ limit: 1 })).total).toBe(13);
    expect(await stamp()).toEqual(before);
  });

  it('removes what an interrupted seed left behind, and its own staging when it fails', async () => {
    const storeDir = await tempDir('pompidou-seed-');
    await seedFromContent(CONTENT_DIR, storeDir);
    // A seed killed half-way (its process gone: pid 2^22 + 1 is above Linux's pid limit).
    const abandoned = path.join(storeDir, 'gen-0123456789abcdef.tmp-4194305');
    await fs.mkdir(abandoned);
    await fs.writeFile(path.join(abandoned, 'artworks.db'), '{"_id":"half');
    await fs.writeFile(path.join(storeDir, 'CURRENT.tmp-4194305'), 'gen-0123456789abcdef\n');
    expect((await seedFromContent(CONTENT_DIR, storeDir)).reused).toBe(true);
    expect((await fs.readdir(storeDir)).filter((entry) => entry.includes('.tmp-'))).toEqual([]);

    // A seed that fails while writing (a record NeDB refuses) leaves no staging folder either.
    const catalogue = await loadCatalogue(CONTENT_DIR);
    const [first] = catalogue.artworks;
    await expect(
      seedLocalStore(
        storeDir,
        { ...catalogue, artworks: [...catalogue.artworks, { ...first! }] },
        'duplicate-ids',
      ),
    ).rejects.toThrow();
    expect((await fs.readdir(storeDir)).sort()).toEqual([
      'CURRENT',
      expect.stringMatching(/^gen-/),
    ]);
    expect(
      (await NedbCatalogue.open(storeDir).then((r) => r.listArtworks({ limit: 1 }))).total,
    ).toBe(13);
  });

  it('keeps the previous catalogue whole when the new content is invalid', async () => {
    const storeDir = await tempDir('pompidou-seed-');
    await seedFromContent(CONTENT_DIR, storeDir);
    const dir = await copyContent();
    await fs.rm(path.join(dir, 'artworks', 'picasso-la-muse-1935.yaml'));
    const broken = path.join(dir, 'artworks', 'picasso-aubade-1942.yaml');
    await fs.writeFile(
      broken,
      (await fs.readFile(broken, 'utf8')).replace(/^year: .*$/m, 'year: ""'),
    );
    await expect(seedFromContent(dir, storeDir)).rejects.toBeInstanceOf(ContentError);
    const repository = await NedbCatalogue.open(storeDir);
    expect((await repository.listArtworks({ limit: 100 })).total).toBe(13);
  });

  it('replaces the catalogue when content changes, dropping removed works', async () => {
    const storeDir = await tempDir('pompidou-seed-');
    await seedFromContent(CONTENT_DIR, storeDir);
    const dir = await copyContent();
    await fs.rm(path.join(dir, 'artworks', 'picasso-la-muse-1935.yaml'));
    await fs.rm(path.join(dir, 'narration', 'picasso-la-muse-1935.yaml'));
    // A replay's chapter names it too: the museum takes it out there as well.
    for (const name of await fs.readdir(path.join(dir, 'replays'))) {
      const replay = path.join(dir, 'replays', name);
      const chapters = await fs.readFile(replay, 'utf8');
      await fs.writeFile(replay, chapters.replace(/^\s+- picasso-la-muse-1935\n/m, ''));
    }
    // So do the exhibitions it hung in, and the plan that placed it.
    for (const name of await fs.readdir(path.join(dir, 'exhibitions'))) {
      const file = path.join(dir, 'exhibitions', name);
      const lines = (await fs.readFile(file, 'utf8')).split('\n');
      await fs.writeFile(
        file,
        lines.filter((line) => !line.includes('picasso-la-muse-1935')).join('\n'),
      );
    }
    expect((await seedFromContent(dir, storeDir)).reused).toBe(false);
    const repository = await NedbCatalogue.open(storeDir);
    expect((await repository.listArtworks({ limit: 100 })).total).toBe(12);
    expect(await repository.findArtworkById('picasso-la-muse-1935')).toBeNull();
    expect((await fs.readdir(storeDir)).filter((entry) => entry.startsWith('gen-'))).toHaveLength(
      1,
    );
  });
});
