import path from 'path';
import { loadCatalogue } from '../../backend/content/load';
import { replaySortKey, type ArtworkDoc, type ReplayDoc } from '../../backend/domain/catalogue';
import { sortKeyOf } from '../../backend/domain/paging';
import { buildSearchText } from '../../backend/domain/search';
import { CloudBaseCatalogue } from '../../backend/repository/cloudbase';
import { NedbCatalogue, seedLocalStore } from '../../backend/repository/nedb';
import type { CatalogueRepository } from '../../backend/repository/types';
import { fakeCloudDb, type FakeCloudDb } from './fake-cloud-db';
import { tempDir } from '../support/temp';

export const CONTENT_DIR = path.resolve(__dirname, '../../content');

/**
 * A draft that must never be seen: it matches the Picasso filter, a search and a label number, and
 * its media lie at its own id's names, as a work's do once staff add them.
 */
export function unpublishedDraft(template: ArtworkDoc): ArtworkDoc {
  const title = { zh: '未公开的毕加索草稿', original: 'Esquisse secrète' };
  const id = 'picasso-secret-draft';
  return {
    ...template,
    _id: id,
    id,
    number: '599',
    title,
    image: { ...template.image, path: `images/${id}.jpg` },
    thumbnail: { ...template.thumbnail, path: `images/${id}.thumb.jpg` },
    audio: template.audio && { ...template.audio, path: `audio/${id}.m4a` },
    published: false,
    sortKey: sortKeyOf('599', 'picasso-secret-draft'),
    search: buildSearchText([title.zh, title.original, ...Object.values(template.artist.name)]),
  };
}

/** An unpublished replay, newer than every real one, so it would head the list if it leaked. */
export function unpublishedReplay(template: ReplayDoc): ReplayDoc {
  return {
    ...template,
    _id: 'secret-rehearsal-2030',
    id: 'secret-rehearsal-2030',
    title: '未公开的彩排录像',
    date: '2030-01-01',
    cover: { ...template.cover, path: 'images/secret-rehearsal-2030.jpg' },
    video: { ...template.video, path: 'video/secret-rehearsal-2030.mp4' },
    published: false,
    sortKey: replaySortKey('2030-01-01', 'secret-rehearsal-2030'),
  };
}

/** The real content/ catalogue plus an unpublished artwork and replay that must never be seen. */
async function seededDocuments() {
  const catalogue = await loadCatalogue(CONTENT_DIR);
  const picasso = catalogue.artworks.find((doc) => doc.artist.id === 'picasso') as ArtworkDoc;
  return {
    catalogue,
    documents: {
      artists: catalogue.artists,
      artworks: [...catalogue.artworks, unpublishedDraft(picasso)],
      replays: [...catalogue.replays, unpublishedReplay(catalogue.replays[0])],
    },
  };
}

/** The same documents in a stand-in of CloudBase's database (as the console import leaves them). */
export async function openSeededCloudBase(): Promise<{
  repository: CloudBaseCatalogue;
  db: FakeCloudDb;
  published: ArtworkDoc[];
  replays: ReplayDoc[];
}> {
  const { catalogue, documents } = await seededDocuments();
  const db = fakeCloudDb({
    artists: documents.artists as unknown as Array<Record<string, unknown>>,
    artworks: documents.artworks as unknown as Array<Record<string, unknown>>,
    replays: documents.replays as unknown as Array<Record<string, unknown>>,
  });
  return {
    repository: new CloudBaseCatalogue(db),
    db,
    published: catalogue.artworks.filter((doc) => doc.published),
    replays: catalogue.replays.filter((doc) => doc.published),
  };
}

/** Both implementations of the catalogue, for suites that must hold on each. */
export const REPOSITORIES: Array<
  [
    string,
    () => Promise<{
      repository: CatalogueRepository;
      published: ArtworkDoc[];
      replays: ReplayDoc[];
    }>,
  ]
> = [
  ['the embedded store (NeDB)', () => openSeededStore()],
  ['CloudBase (wx-server-sdk database)', () => openSeededCloudBase()],
];

/** The real content/ catalogue plus unpublished drafts, seeded into a fresh embedded store. */
export async function openSeededStore(): Promise<{
  repository: NedbCatalogue;
  published: ArtworkDoc[];
  replays: ReplayDoc[];
  storeDir: string;
}> {
  const { catalogue, documents } = await seededDocuments();
  const storeDir = await tempDir('pompidou-store-');
  await seedLocalStore(storeDir, documents, 'test');
  return {
    repository: await NedbCatalogue.open(storeDir),
    published: catalogue.artworks.filter((doc) => doc.published),
    replays: catalogue.replays.filter((doc) => doc.published),
    storeDir,
  };
}
