// The CloudBase catalogue past the sizes where CloudBase's own caps bite (the stand-in database
// applies them as CloudBase documents them): the contract suites run it on the real 13 works.
import type { ArtworkDoc } from '../../backend/domain/catalogue';
import { sortKeyOf } from '../../backend/domain/paging';
import { CloudBaseCatalogue } from '../../backend/repository/cloudbase';
import { fakeCloudDb } from './fake-cloud-db';
import { openSeededCloudBase } from './fixture';

async function catalogueOf(artistCount: number, worksPerArtist: number) {
  const { published } = await openSeededCloudBase();
  const template = published[0];
  const artists = Array.from({ length: artistCount }, (_, index) => ({
    _id: `artist-${index}`,
    id: `artist-${index}`,
    name: { zh: `艺术家${index}`, original: `Artist ${index}` },
    lifespan: '1900–1990',
    bio: '',
  }));
  const artworks: ArtworkDoc[] = artists.flatMap((artist, a) =>
    Array.from({ length: worksPerArtist }, (_, w) => {
      const id = `work-${a}-${w}`;
      const number = String(1000 + a * worksPerArtist + w);
      return {
        ...template,
        _id: id,
        id,
        number,
        sortKey: sortKeyOf(number, id),
        artist: { ...template.artist, id: artist.id, name: artist.name },
      };
    }),
  );
  const db = fakeCloudDb({
    artists,
    artworks: artworks as unknown as Array<Record<string, unknown>>,
  });
  return { repository: new CloudBaseCatalogue(db), db, artworks };
}

describe('the CloudBase catalogue at scale', () => {
  test('counts every artist, not only the 20 groups an aggregate answers by default', async () => {
    const { repository } = await catalogueOf(25, 2);
    const artists = await repository.listArtists();
    expect(artists).toHaveLength(25);
    expect(artists.every((artist) => artist.count === 2)).toBe(true);
  });

  test('finds summaries for more ids than one query answers, in label order', async () => {
    const { repository, artworks } = await catalogueOf(3, 60);
    const ids = artworks.map((doc) => doc.id).reverse();
    const summaries = await repository.findArtworkSummaries(ids);
    expect(summaries).toHaveLength(180);
    expect(summaries.map((doc) => doc.number)).toEqual(artworks.map((doc) => doc.number).sort());
  });

  test('never asks CloudBase for more than 1,000 documents at once', async () => {
    const { repository, db } = await catalogueOf(30, 40);
    await repository.listArtists();
    await repository.findArtworkSummaries([]);
    await repository.listArtworks({ limit: 50 });
    const limits = db.calls.filter((call) => call.kind !== 'count').map((call) => call.limit);
    expect(limits.every((limit) => limit !== undefined && limit <= 1000)).toBe(true);
  });
});
