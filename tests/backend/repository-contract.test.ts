// The repository contract, on the embedded store and on CloudBase (through a stand-in of the parts of
// its database API the repository uses, with CloudBase's caps): the same answers from both, and
// nothing unpublished from either, by any method.
import type { ArtworkDoc } from '../../backend/domain/catalogue';
import type { Catalogue } from '../../backend/repository/nedb';
import type { CatalogueRepository } from '../../backend/repository/types';
import { CONTRACT_REPOSITORIES, contractDocuments } from './fixture';

/** Published works in the contract documents: 13 of content/, 250 generated, 25 by new artists. */
const PUBLISHED_WORKS = 288;
const DRAFTS = ['picasso-secret-draft', 'work-of-hidden-artist'];

describe.each(CONTRACT_REPOSITORIES)('the catalogue repository on %s', (_name, open) => {
  let documents: Catalogue;
  let repository: CatalogueRepository;

  beforeAll(async () => {
    documents = await contractDocuments();
    repository = await open(documents);
  });

  async function walk(
    query: { artistId?: string; floor?: string; search?: string },
    limit: number,
  ) {
    const seen: string[] = [];
    const totals = new Set<number>();
    let after: string | undefined;
    for (let guard = 0; guard < 1000; guard += 1) {
      const { docs, total } = await repository.listArtworks({
        ...query,
        afterSortKey: after,
        limit,
      });
      totals.add(total);
      expect(docs.length).toBeLessThanOrEqual(limit);
      seen.push(...docs.map((doc) => doc.id));
      const last = docs[docs.length - 1];
      if (docs.length < limit || !last) return { seen, totals: [...totals] };
      after = last.sortKey;
    }
    throw new Error('paging never ended');
  }

  it('pages every published work once, in label-number order, whatever the page size', async () => {
    for (const limit of [7, 50]) {
      const { seen, totals } = await walk({}, limit);
      expect(totals).toEqual([PUBLISHED_WORKS]);
      expect(seen).toHaveLength(PUBLISHED_WORKS);
      expect(new Set(seen).size).toBe(PUBLISHED_WORKS);
      for (const draft of DRAFTS) expect(seen).not.toContain(draft);
    }
    const first = await repository.listArtworks({ limit: 3 });
    expect(first.docs.map((doc) => doc.number)).toEqual(['501', '502', '503']);
    const tail = await repository.listArtworks({ limit: 2, afterSortKey: '00007023:' });
    expect(tail.docs.map((doc) => doc.id)).toEqual(['work-of-artist-23', 'work-of-artist-24']);
    expect(await repository.listArtworks({ limit: 5, afterSortKey: '99999999:' })).toEqual({
      docs: [],
      total: PUBLISHED_WORKS,
    });
  });

  it('filters by artist, floor and search without letting a draft through', async () => {
    const picasso = await walk({ artistId: 'picasso' }, 20);
    expect(picasso.seen).not.toContain('picasso-secret-draft');
    expect(picasso.seen.slice(0, 4)).toEqual([
      'picasso-guitariste-1910',
      'picasso-arlequin-1923',
      'picasso-la-muse-1935',
      'picasso-aubade-1942',
    ]);
    expect(picasso.totals).toEqual([picasso.seen.length]);
    expect((await walk({ artistId: 'artist-hidden' }, 20)).seen).toEqual([]);
    const floor = await walk({ floor: '5' }, 50);
    expect(floor.seen).toHaveLength(PUBLISHED_WORKS);
    expect((await walk({ floor: '99' }, 50)).seen).toEqual([]);
    expect((await walk({ search: 'sample25' }, 20)).seen).toEqual(['demo-000025', 'demo-000250']);
    expect((await walk({ search: 'esquisse' }, 20)).seen).toEqual([]);
    expect((await walk({ search: '未公开' }, 20)).seen).toEqual([]);
    expect((await walk({ search: 'artist7' }, 20)).seen).toEqual(['work-of-artist-07']);
  });

  it('finds published records by id and label number only', async () => {
    expect((await repository.findArtworkById('chagall-a-la-russie-1911'))?.number).toBe('511');
    expect((await repository.findArtworkByNumber('100249'))?.id).toBe('demo-000250');
    expect(await repository.findArtworkById('picasso-secret-draft')).toBeNull();
    expect(await repository.findArtworkByNumber('599')).toBeNull();
    expect(await repository.findArtworkByNumber('7999')).toBeNull();
    expect(await repository.findArtworkById('nope')).toBeNull();
  });

  it('lists every artist with a published work, with counts of published works only', async () => {
    const artists = await repository.listArtists();
    expect(artists).toHaveLength(28);
    expect(artists.map((artist) => artist.id)).not.toContain('artist-hidden');
    const counts = Object.fromEntries(artists.map((artist) => [artist.id, artist.count]));
    const generatedPicasso = documents.artworks.filter(
      (doc: ArtworkDoc) => doc.generated && doc.artist.id === 'picasso',
    ).length;
    expect(generatedPicasso).toBeGreaterThan(50);
    expect(counts.picasso).toBe(4 + generatedPicasso);
    expect(counts['artist-24']).toBe(1);
  });

  it('answers summaries for hundreds of ids at once, in label order, drafts left out', async () => {
    const ids = documents.artworks.map((doc) => doc.id).reverse();
    const summaries = await repository.findArtworkSummaries([...ids, ...ids.slice(0, 10)]);
    expect(summaries).toHaveLength(PUBLISHED_WORKS);
    const numbers = summaries.map((doc) => Number(doc.number));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    for (const draft of DRAFTS) expect(summaries.map((doc) => doc.id)).not.toContain(draft);
    expect(Object.keys(summaries[0] ?? {}).sort()).toEqual(
      expect.not.arrayContaining(['transcript', 'description', 'search', 'published']),
    );
  });

  it('answers full records for hundreds of ids at once, in label order, drafts left out', async () => {
    const ids = documents.artworks.map((doc) => doc.id).reverse();
    const works = await repository.findArtworks([...ids, ...ids.slice(0, 10)]);
    expect(works).toHaveLength(PUBLISHED_WORKS);
    const numbers = works.map((doc) => Number(doc.number));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    for (const draft of DRAFTS) expect(works.map((doc) => doc.id)).not.toContain(draft);
    expect(works[0]).toHaveProperty('transcript');
    expect(works[0]).toHaveProperty('image.sha256');
  });

  it('pages the published replays newest first, and never finds the hidden one', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const { docs, total } = await repository.listReplays({ afterSortKey: after, limit: 3 });
      expect(total).toBe(5);
      seen.push(...docs.map((doc) => doc.id));
      const last = docs[docs.length - 1];
      if (docs.length < 3 || !last) break;
      after = last.sortKey;
    }
    // content/'s two replays share 14 December 2020 and follow each other by id.
    expect(seen).toEqual([
      'tour-1',
      'tour-0',
      'first-livestream-2020',
      'first-livestream-2020-highlights',
      'tour-2',
    ]);
    expect(await repository.findReplayById('secret-rehearsal-2030')).toBeNull();
    expect((await repository.findReplayById('tour-2'))?.date).toBe('2019-05-01');
  });
});
