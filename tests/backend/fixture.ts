import path from 'path';
import { loadCatalogue } from '../../backend/content/load';
import {
  replaySortKey,
  type ArtworkDoc,
  type ExhibitionDoc,
  type LiveDoc,
  type ReplayDoc,
} from '../../backend/domain/catalogue';
import { sortKeyOf } from '../../backend/domain/paging';
import { buildSearchText } from '../../backend/domain/search';
import { CloudBaseCatalogue } from '../../backend/repository/cloudbase';
import { generateArtworks } from '../../backend/content/generated';
import { NedbCatalogue, seedLocalStore, type Catalogue } from '../../backend/repository/nedb';
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
  const picasso = catalogue.artworks.find((doc) => doc.artist.id === 'picasso');
  const [replay] = catalogue.replays;
  if (!picasso || !replay) throw new Error('content/ needs a Picasso work and a replay');
  const draft = unpublishedDraft(picasso);
  return {
    catalogue,
    documents: {
      artists: catalogue.artists,
      artworks: [...catalogue.artworks, draft],
      replays: [...catalogue.replays, unpublishedReplay(replay)],
      exhibitions: [
        ...(catalogue.exhibitions ?? []).map((doc) => withDraft(doc, draft.id)),
        unpublishedExhibition(catalogue.exhibitions?.[0]),
      ].filter((doc): doc is ExhibitionDoc => doc !== undefined),
      lives: [...(catalogue.lives ?? []), ...unpublishedLive(catalogue.lives?.[0])],
    },
  };
}

/** A live being prepared, starting soon: it would top the list if it leaked. */
function unpublishedLive(template: LiveDoc | undefined): LiveDoc[] {
  if (!template) return [];
  return [
    {
      ...template,
      _id: 'secret-live-2030',
      id: 'secret-live-2030',
      title: '未公开的直播',
      startsAt: '2030-01-01T20:00:00+08:00',
      replayId: undefined,
      published: false,
    },
  ];
}

/** The draft hangs in every exhibition, is a tour's stop and has a pin: none of it may show. */
function withDraft(doc: ExhibitionDoc, draftId: string): ExhibitionDoc {
  return {
    ...doc,
    works: [...doc.works, { number: '599', artworkId: draftId, room: '未公开' }],
    tours: doc.tours.map((tour) => ({ ...tour, stops: [...tour.stops, draftId] })),
    ...(doc.map
      ? { map: { ...doc.map, pins: [...doc.map.pins, { artworkId: draftId, x: 1, y: 1 }] } }
      : {}),
  };
}

/** An exhibition being prepared: current by its dates, so it would be chosen first if it leaked. */
function unpublishedExhibition(template: ExhibitionDoc | undefined): ExhibitionDoc | undefined {
  if (!template) return undefined;
  return {
    ...template,
    _id: 'secret-preview',
    id: 'secret-preview',
    title: '未公开的预展',
    startDate: '2000-01-01',
    endDate: '2099-12-31',
    published: false,
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
    exhibitions: documents.exhibitions as unknown as Array<Record<string, unknown>>,
    lives: documents.lives as unknown as Array<Record<string, unknown>>,
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

/**
 * For the repository contract: content/ and its drafts, plus what the real content is too small to
 * show — 250 generated works (more ids than one CloudBase query answers), 25 more artists with a
 * work each (more groups than an aggregate answers by default), an unpublished work of one of
 * them (so that artist must not be listed), and three more replays with a hidden one among them.
 */
export async function contractDocuments() {
  const { catalogue, documents } = await seededDocuments();
  const [template] = catalogue.artworks;
  const [replay] = catalogue.replays;
  if (!template || !replay) throw new Error('content/ has no artwork or replay');
  const artists = Array.from({ length: 25 }, (_, index) => ({
    _id: `artist-${String(index).padStart(2, '0')}`,
    id: `artist-${String(index).padStart(2, '0')}`,
    name: { zh: `艺术家${index}`, original: `Artist ${index}` },
    lifespan: '1900–1990',
    bio: '生成的艺术家。',
  }));
  const byArtist = artists.map((artist, index): ArtworkDoc => {
    const id = `work-of-${artist.id}`;
    const number = String(7000 + index);
    return {
      ...template,
      _id: id,
      id,
      number,
      artist: { id: artist.id, name: artist.name, lifespan: artist.lifespan },
      sortKey: sortKeyOf(number, id),
      search: buildSearchText([artist.name.zh, artist.name.original]),
    };
  });
  const hiddenArtist = { ...artists[0]!, _id: 'artist-hidden', id: 'artist-hidden' };
  const hiddenWork: ArtworkDoc = {
    ...byArtist[0]!,
    _id: 'work-of-hidden-artist',
    id: 'work-of-hidden-artist',
    number: '7999',
    artist: { id: 'artist-hidden', name: hiddenArtist.name, lifespan: '' },
    published: false,
    sortKey: sortKeyOf('7999', 'work-of-hidden-artist'),
  };
  const replays = ['2021-05-01', '2022-05-01', '2019-05-01'].map((date, index): ReplayDoc => {
    const id = `tour-${index}`;
    return { ...replay, _id: id, id, date, sortKey: replaySortKey(date, id) };
  });
  const generated = generateArtworks(catalogue.artworks, 250);
  return {
    artists: [...documents.artists, ...artists, hiddenArtist],
    artworks: [...documents.artworks, ...generated, ...byArtist, hiddenWork],
    replays: [...documents.replays, ...replays],
  };
}

/** The contract documents in each implementation, for the repository contract suite. */
export const CONTRACT_REPOSITORIES: Array<
  [string, (documents: Catalogue) => Promise<CatalogueRepository>]
> = [
  [
    'the embedded store (NeDB)',
    async (documents) => {
      const storeDir = await tempDir('pompidou-contract-');
      await seedLocalStore(storeDir, documents, 'contract');
      return NedbCatalogue.open(storeDir);
    },
  ],
  [
    'CloudBase (wx-server-sdk database)',
    async (documents) =>
      new CloudBaseCatalogue(
        fakeCloudDb({
          artists: documents.artists as unknown as Array<Record<string, unknown>>,
          artworks: documents.artworks as unknown as Array<Record<string, unknown>>,
          replays: documents.replays as unknown as Array<Record<string, unknown>>,
          exhibitions: (documents.exhibitions ?? []) as unknown as Array<Record<string, unknown>>,
        }),
      ),
  ],
];
