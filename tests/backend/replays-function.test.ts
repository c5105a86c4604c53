import type { Envelope, Replay, ReplayListPage } from '../../miniprogram/types/api';
import { replaySortKey, type ReplayDoc } from '../../backend/domain/catalogue';
import { localMediaUrl } from '../../backend/domain/media';
import { createLinkSigner } from '../../backend/domain/signing';
import {
  cloudVideoLinker,
  localVideoLinker,
  type TempFileUrlSource,
} from '../../backend/domain/video-links';
import { createReplaysMain } from '../../backend/functions/replays';
import { NedbCatalogue, seedLocalStore } from '../../backend/repository/nedb';
import { NedbLiveState } from '../../backend/repository/nedb-live-state';
import { openSeededStore } from './fixture';
import { tempDir, tempDirSync } from '../support/temp';

/** No caller identity and an empty live state: a visitor who has bought nothing. */
const anonymous = () => ({
  state: new NedbLiveState(tempDirSync('replays-state-')),
  identify: () => undefined,
});

const signer = createLinkSigner({
  secret: 'test-secret-test-secret',
  baseUrl: 'http://127.0.0.1:3000/media',
  ttlSeconds: 600,
});

let main: ReturnType<typeof createReplaysMain>;
let replays: ReplayDoc[];
/** The first replay of content/, the template of made-up ones. */
let firstReplay: ReplayDoc;
let store: Awaited<ReturnType<typeof openSeededStore>>;

beforeAll(async () => {
  store = await openSeededStore();
  replays = store.replays;
  const first = replays.find((doc) => !doc.access.paid);
  if (!first) throw new Error('the seeded store holds no free replay');
  firstReplay = first;
  main = createReplaysMain({
    repository: store.repository,
    mediaUrl: localMediaUrl('http://127.0.0.1:3000'),
    videoLink: localVideoLinker(signer),
    ...anonymous(),
  });
});

async function data<T>(run: typeof main, event: unknown): Promise<T> {
  const envelope = (await run(event)) as Envelope<T>;
  if (!envelope.ok) throw new Error(`expected ok, got ${JSON.stringify(envelope.error)}`);
  return envelope.data;
}

describe('replays list', () => {
  it('lists the published replays with what the list shows, and nothing unpublished', async () => {
    const page = await data<ReplayListPage>(main, { action: 'list' });
    expect(page.total).toBe(replays.length);
    // Newest day first; on one day, by id (the committed content has two replays of 14 Dec 2020).
    expect(page.items.map((item) => item.id)).toEqual([
      'first-livestream-2020',
      'first-livestream-2020-highlights',
    ]);
    expect(page.items.map((item) => item.id)).not.toContain('secret-rehearsal-2030');
    const first = page.items.find((item) => item.id === 'first-livestream-2020');
    expect(first).toEqual({
      id: 'first-livestream-2020',
      title: expect.stringContaining('直播'),
      date: '2020-12-14',
      duration: 7200,
      guide: expect.any(String),
      viewers: 10000,
      cover: {
        url: 'http://127.0.0.1:3000/media/images/replay-first-livestream-2020.jpg',
        width: expect.any(Number),
        height: expect.any(Number),
      },
      access: { paid: false },
    });
    expect(page.items.find((item) => item.id === 'first-livestream-2020-highlights')).toMatchObject(
      {
        access: { paid: true, price: 990 },
        example: expect.stringContaining('示例'),
      },
    );
    expect(JSON.stringify(page)).not.toContain('video/');
  });

  it('pages newest first without skipping or repeating', async () => {
    const storeDir = await tempDir('pompidou-replays-');
    const dates = ['2021-03-01', '2022-07-15', '2020-12-14', '2023-01-09', '2021-11-30'];
    const generated = dates.map((date, index): ReplayDoc => {
      const id = `tour-${index}`;
      return { ...firstReplay, _id: id, id, date, sortKey: replaySortKey(date, id) };
    });
    const hidden: ReplayDoc = {
      ...firstReplay,
      _id: 'hidden',
      id: 'hidden',
      date: '2024-01-01',
      published: false,
      sortKey: replaySortKey('2024-01-01', 'hidden'),
    };
    await seedLocalStore(
      storeDir,
      { artists: [], artworks: [], replays: [...generated, hidden] },
      'paging',
    );
    const paged = createReplaysMain({
      repository: await NedbCatalogue.open(storeDir),
      mediaUrl: localMediaUrl('http://h'),
      videoLink: localVideoLinker(signer),
      ...anonymous(),
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ReplayListPage = await data<ReplayListPage>(paged, {
        action: 'list',
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.total).toBe(5);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.date));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...dates].sort().reverse());
  });
});

describe('replays get', () => {
  it('answers the whole replay with chapters, their artworks and an expiring signed video link', async () => {
    const before = Date.now();
    const replay = await data<Replay>(main, { action: 'get', id: 'first-livestream-2020' });
    expect(replay.chapters.length).toBeGreaterThan(3);
    const starts = replay.chapters.map((chapter) => chapter.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(starts[0]).toBe(0);
    const named = new Set(replay.chapters.flatMap((chapter) => chapter.artworkIds));
    expect(replay.artworks.map((artwork) => artwork.id).sort()).toEqual([...named].sort());
    expect(replay.artworks.length).toBe(13);
    expect(replay.artworks[0]).toMatchObject({
      title: { zh: expect.any(String) },
      artistName: { zh: expect.any(String) },
      thumbnail: { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:3000\/media\/images\//) },
    });

    const url = new URL(replay.video.url);
    expect(url.pathname).toBe('/media/video/first-livestream-2020.demo.mp4');
    expect(replay.video.expiresAt).toBeGreaterThanOrEqual(before + 600_000);
    expect(replay.video.expiresAt).toBeLessThanOrEqual(Date.now() + 600_000);
    expect(url.searchParams.get('expires')).toBe(String(replay.video.expiresAt));
    expect(
      signer.verify(
        'video/first-livestream-2020.demo.mp4',
        url.searchParams.get('expires'),
        url.searchParams.get('sig'),
      ),
    ).toBe('ok');
    expect(replay.video).toMatchObject({ demo: true, note: expect.stringContaining('演示') });
    expect(replay.video).not.toHaveProperty('path');
    expect(replay).not.toHaveProperty('unverified');
  });

  it('never answers an unpublished replay, nor names an unpublished artwork in a chapter', async () => {
    expect(await main({ action: 'get', id: 'secret-rehearsal-2030' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('secret-rehearsal-2030') },
    });
    const storeDir = await tempDir('pompidou-replays-');
    const withDraft: ReplayDoc = {
      ...firstReplay,
      chapters: [{ start: 0, title: '草稿', artworkIds: ['picasso-secret-draft'] }],
    };
    const { repository } = store;
    const draft = (await repository.findArtworkById('picasso-guitariste-1910'))!;
    await seedLocalStore(
      storeDir,
      {
        artists: [],
        artworks: [
          { ...draft, _id: 'picasso-secret-draft', id: 'picasso-secret-draft', published: false },
        ],
        replays: [withDraft],
      },
      'draft',
    );
    const scoped = createReplaysMain({
      repository: await NedbCatalogue.open(storeDir),
      mediaUrl: localMediaUrl('http://h'),
      videoLink: localVideoLinker(signer),
      ...anonymous(),
    });
    const replay = await data<Replay>(scoped, { action: 'get', id: withDraft.id });
    expect(replay.chapters[0]?.artworkIds).toEqual([]);
    expect(replay.artworks).toEqual([]);
    expect(JSON.stringify(replay)).not.toContain('secret');
  });

  it.each([
    [{ action: 'get' }, 'id'],
    [{ action: 'get', id: 42 }, 'id'],
    [{ action: 'get', id: 'Not A Slug' }, 'id'],
    [{ action: 'list', limit: 0 }, 'limit'],
    [{ action: 'list', limit: 'ten' }, 'limit'],
    [{ action: 'list', cursor: 'garbage' }, 'cursor'],
    [{ action: 'delete' }, 'action'],
    [null, ''],
  ])('refuses %j with INVALID_ARGUMENT naming %s', async (event, field) => {
    const envelope = await main(event);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    if (!envelope.ok && field) expect(envelope.error.message).toContain(field);
  });

  it('refuses an artworks cursor: cursors name the list they page', async () => {
    const { encodeCursor } = await import('../../backend/domain/paging');
    const artworksCursor = encodeCursor(firstReplay.sortKey, 'a1');
    expect(await main({ action: 'list', cursor: artworksCursor })).toMatchObject({
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('cursor') },
    });
  });
});

describe('cloud video links', () => {
  // Fakes wx-server-sdk's cloud.getTempFileURL, the platform boundary; the linker is the real code.
  function fakeCloud(answer: { status: number; errMsg: string; tempFileURL: string }) {
    const calls: unknown[] = [];
    const cloud: TempFileUrlSource = {
      async getTempFileURL(options) {
        calls.push(options);
        return { fileList: options.fileList.map((file) => ({ fileID: file.fileID, ...answer })) };
      },
    };
    return { cloud, calls };
  }

  it('asks cloud storage for a temporary URL of the file and says when it expires', async () => {
    const { cloud, calls } = fakeCloud({
      status: 0,
      errMsg: 'ok',
      tempFileURL: 'https://t/x.mp4?sign=1',
    });
    const link = cloudVideoLinker(cloud, {
      filePrefix: 'cloud://env-1.bucket/media/',
      maxAgeSeconds: 3600,
      now: () => 1_000_000,
    });
    expect(await link('video/tour.mp4')).toEqual({
      url: 'https://t/x.mp4?sign=1',
      expiresAt: 1_000_000 + (3600 - 60) * 1000,
    });
    expect(calls).toEqual([
      { fileList: [{ fileID: 'cloud://env-1.bucket/media/video/tour.mp4', maxAge: 3600 }] },
    ]);
  });

  it('answers UNAVAILABLE, naming the setting, when storage is not configured or refuses', async () => {
    const { cloud } = fakeCloud({ status: -1, errMsg: 'STORAGE_FILE_NONEXIST', tempFileURL: '' });
    const unconfigured = createReplaysMain({
      repository: store.repository,
      mediaUrl: localMediaUrl('http://h'),
      videoLink: cloudVideoLinker(cloud, { filePrefix: undefined, maxAgeSeconds: 3600 }),
      ...anonymous(),
    });
    expect(await unconfigured({ action: 'get', id: 'first-livestream-2020' })).toMatchObject({
      error: { code: 'UNAVAILABLE', message: expect.stringContaining('CLOUD_FILE_PREFIX') },
    });
    const refused = createReplaysMain({
      repository: store.repository,
      mediaUrl: localMediaUrl('http://h'),
      videoLink: cloudVideoLinker(cloud, { filePrefix: 'cloud://e.b/media', maxAgeSeconds: 3600 }),
      ...anonymous(),
    });
    expect(await refused({ action: 'get', id: 'first-livestream-2020' })).toMatchObject({
      error: { code: 'UNAVAILABLE', message: expect.stringContaining('STORAGE_FILE_NONEXIST') },
    });
  });
});
