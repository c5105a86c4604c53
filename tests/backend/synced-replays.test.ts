import { loadCatalogue } from '../../backend/content/load';
import { replaySortKey, type LiveDoc, type ReplayDoc } from '../../backend/domain/catalogue';
import { localMediaUrl } from '../../backend/domain/media';
import { createLinkSigner } from '../../backend/domain/signing';
import { PLATFORM_VIDEO_NOTE } from '../../backend/domain/synced-replays';
import { localVideoLinker } from '../../backend/domain/video-links';
import { createLivesMain } from '../../backend/functions/lives';
import { createReplaysMain } from '../../backend/functions/replays';
import { CloudBaseCatalogue } from '../../backend/repository/cloudbase';
import {
  CloudBaseLiveState,
  rightId,
  type LiveStateRepository,
  type ReplaySourceRecord,
} from '../../backend/repository/live-state';
import { NedbCatalogue, seedLocalStore } from '../../backend/repository/nedb';
import { NedbLiveState } from '../../backend/repository/nedb-live-state';
import type { CatalogueRepository } from '../../backend/repository/types';
import type {
  Envelope,
  Live,
  Replay,
  ReplayListPage,
  ReplaySummary,
} from '../../miniprogram/types/api';
import { fakeCloudDb } from './fake-cloud-db';
import { CONTENT_DIR } from './fixture';
import { tempDir } from '../support/temp';

const NOW = Date.parse('2027-06-01T12:00:00+08:00');
const BUYER = 'o-buyer-0000000000000000000001';

/** Made from its live: no replay in content/, starts late at night in New York (a day on in Beijing). */
const NIGHT_LIVE = 'night-walk-2021';
/** Names a replay that is not published: neither it nor its recording may show. */
const DRAFT_LINK_LIVE = 'draft-link-2021';
const SECRET_REPLAY = 'secret-cut-2021';
const HIDDEN_LIVE = 'hidden-live-2021';

type Doc = Record<string, unknown>;

async function documents() {
  const catalogue = await loadCatalogue(CONTENT_DIR);
  const lives = catalogue.lives ?? [];
  const template = lives.find((live) => live.id === 'first-livestream-2020');
  const firstReplay = catalogue.replays.find((replay) => replay.id === 'first-livestream-2020');
  if (!template || !firstReplay) throw new Error('content/ lacks the first livestream');
  const live = (id: string, more: Partial<LiveDoc>): LiveDoc => {
    const { replayId: _none, ...rest } = template;
    return { ...rest, _id: id, id, title: `直播 ${id}`, ...more };
  };
  const secret: ReplayDoc = {
    ...firstReplay,
    _id: SECRET_REPLAY,
    id: SECRET_REPLAY,
    title: '未公开的剪辑',
    published: false,
    sortKey: replaySortKey('2021-04-01', SECRET_REPLAY),
  };
  return {
    ...catalogue,
    replays: [...catalogue.replays, secret],
    lives: [
      ...lives,
      live(NIGHT_LIVE, {
        startsAt: '2021-03-01T12:30:00-05:00',
        durationMinutes: 45,
        summary: '夜里走一遍展厅。',
        liveRoom: { roomId: 401 },
      }),
      live(DRAFT_LINK_LIVE, { startsAt: '2021-04-01T20:00:00+08:00', replayId: SECRET_REPLAY }),
      live(HIDDEN_LIVE, { startsAt: '2021-05-01T20:00:00+08:00', published: false }),
    ],
  };
}

const entry = (name: string, expiresAt: string, createdAt: string) => ({
  url: `https://replay.example.com/${name}.m3u8?sign=1`,
  expiresAt,
  createdAt,
});

const source = (
  id: string,
  liveId: string,
  entries: ReplaySourceRecord['entries'],
): ReplaySourceRecord => ({
  _id: id,
  liveId,
  roomId: 1,
  entries,
  syncedAt: '2027-06-01T03:00:00.000Z',
});

/** As the sync leaves them: each one's entries oldest first. */
const SOURCES: ReplaySourceRecord[] = [
  source('first-livestream-2020', 'first-livestream-2020', [
    entry('first-1', '2027-05-31T00:00:00.000Z', '2020-12-14T11:05:00.000Z'),
    entry('first-2', '2027-06-08T00:00:00.000Z', '2020-12-14T12:10:00.000Z'),
  ]),
  source('kandinsky-colour-lesson-2027', 'kandinsky-colour-lesson-2027', [
    entry('lesson', '2027-06-10T00:00:00.000Z', '2027-05-15T08:40:00.000Z'),
  ]),
  source(NIGHT_LIVE, NIGHT_LIVE, [
    entry('night', '2027-06-05T00:00:00.000Z', '2021-03-01T19:20:00.000Z'),
  ]),
  source(SECRET_REPLAY, DRAFT_LINK_LIVE, [
    entry('secret', '2027-06-05T00:00:00.000Z', '2021-04-01T13:00:00.000Z'),
  ]),
  source(HIDDEN_LIVE, HIDDEN_LIVE, [
    entry('hidden', '2027-06-05T00:00:00.000Z', '2021-05-01T13:00:00.000Z'),
  ]),
  // Left from before staff named a replay for the night walk: not the id the sync writes now.
  source('night-walk-old', NIGHT_LIVE, [
    entry('old', '2027-06-05T00:00:00.000Z', '2021-03-01T19:20:00.000Z'),
  ]),
];

interface Setup {
  repository: CatalogueRepository;
  state: LiveStateRepository;
}

const SETUPS: Array<[string, () => Promise<Setup>]> = [
  [
    'NeDB',
    async () => {
      const dir = await tempDir('synced-replays-store-');
      await seedLocalStore(dir, await documents(), 'synced');
      return {
        repository: await NedbCatalogue.open(dir),
        state: new NedbLiveState(await tempDir('synced-replays-state-')),
      };
    },
  ],
  [
    'CloudBase',
    async () => {
      const docs = await documents();
      const db = fakeCloudDb({
        artists: docs.artists as unknown as Doc[],
        artworks: docs.artworks as unknown as Doc[],
        replays: docs.replays as unknown as Doc[],
        lives: docs.lives as unknown as Doc[],
      });
      const stateDb = fakeCloudDb({});
      return { repository: new CloudBaseCatalogue(db), state: new CloudBaseLiveState(stateDb) };
    },
  ],
];

const signer = createLinkSigner({
  secret: 'test-secret-test-secret',
  baseUrl: 'http://h/media',
  ttlSeconds: 600,
});

async function data<T>(answer: Promise<unknown>): Promise<T> {
  const envelope = (await answer) as Envelope<T>;
  if (!envelope.ok) throw new Error(`expected ok, got ${JSON.stringify(envelope.error)}`);
  return envelope.data;
}

describe.each(SETUPS)('replays fetched from the live platform, on %s', (_name, open) => {
  let setup: Setup;
  let replays: ReturnType<typeof createReplaysMain>;

  const replaysAt = (now: number, openid?: string) =>
    createReplaysMain({
      repository: setup.repository,
      mediaUrl: localMediaUrl('http://h'),
      videoLink: localVideoLinker(signer),
      state: setup.state,
      identify: () => openid,
      now: () => now,
    });

  beforeAll(async () => {
    setup = await open();
    for (const record of SOURCES) await setup.state.saveReplaySource(record);
    replays = replaysAt(NOW);
  });

  const ORDER = [
    'kandinsky-colour-lesson-2027',
    NIGHT_LIVE,
    'first-livestream-2020',
    'first-livestream-2020-highlights',
  ];

  it('lists the replays made from lives among the content ones, newest first', async () => {
    const page = await data<ReplayListPage>(replays({ action: 'list' }));
    expect(page.items.map((item) => item.id)).toEqual(ORDER);
    expect(page.total).toBe(4);
    expect(page.nextCursor).toBeNull();
    const night = page.items.find((item) => item.id === NIGHT_LIVE);
    expect(night).toEqual<ReplaySummary>({
      id: NIGHT_LIVE,
      title: `直播 ${NIGHT_LIVE}`,
      // 12:30 in New York on 1 March is 01:30 on 2 March in Beijing.
      date: '2021-03-02',
      duration: 45 * 60,
      guide: expect.any(String),
      viewers: 0,
      cover: expect.objectContaining({
        url: expect.stringMatching(/^http:\/\/h\/media\/images\//),
      }),
      access: { paid: false },
    });
    expect(page.items[0]).toMatchObject({
      date: '2027-05-15',
      access: { paid: true, price: 1990 },
      example: expect.stringContaining('示例'),
    });
  });

  it.each([1, 2, 3])('pages by %i without skipping or repeating one', async (limit) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ReplayListPage = await data<ReplayListPage>(
        replays({ action: 'list', limit, ...(cursor ? { cursor } : {}) }),
      );
      expect(page.total).toBe(4);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ORDER);
  });

  it('plays the recording in a content replay, keeping what staff wrote', async () => {
    const replay = await data<Replay>(replays({ action: 'get', id: 'first-livestream-2020' }));
    // Without any source the same replay plays its own file.
    const plain = await data<Replay>(
      createReplaysMain({
        repository: setup.repository,
        mediaUrl: localMediaUrl('http://h'),
        videoLink: localVideoLinker(signer),
        state: new NedbLiveState(await tempDir('synced-replays-empty-')),
        identify: () => undefined,
      })({ action: 'get', id: 'first-livestream-2020' }),
    );
    expect(plain.video.format).toBe('mp4');
    expect(replay.video).toEqual({
      format: 'hls',
      // The first recording's link expired the day before.
      url: 'https://replay.example.com/first-2.m3u8?sign=1',
      expiresAt: Date.parse('2027-06-08T00:00:00.000Z'),
      duration: plain.duration,
      width: 1280,
      height: 720,
      demo: false,
      note: PLATFORM_VIDEO_NOTE,
    });
    const { video: _hls, ...kept } = replay;
    const { video: _mp4, ...staff } = plain;
    expect(kept).toEqual(staff);
    expect(replay.chapters.length).toBeGreaterThan(3);
  });

  it('answers a replay made from its live', async () => {
    const replay = await data<Replay>(replays({ action: 'get', id: NIGHT_LIVE }));
    expect(replay).toMatchObject({
      id: NIGHT_LIVE,
      title: `直播 ${NIGHT_LIVE}`,
      date: '2021-03-02',
      duration: 2700,
      viewers: 0,
      summary: '夜里走一遍展厅。',
      highlights: [],
      chapters: [{ start: 0, title: '完整回放', artworkIds: [] }],
      artworks: [],
      published: true,
      video: {
        format: 'hls',
        url: 'https://replay.example.com/night.m3u8?sign=1',
        duration: 2700,
        demo: false,
      },
    });
    expect(replay.video.note).toContain('直播平台');
  });

  it('keeps a paid live’s recording for those who bought the live', async () => {
    const id = 'kandinsky-colour-lesson-2027';
    expect(await replays({ action: 'get', id })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION_DENIED', message: expect.stringContaining('¥19.90') },
    });
    await setup.state.grantRight({
      _id: rightId(BUYER, 'live', id),
      openid: BUYER,
      kind: 'live',
      itemId: id,
      orderId: 'order-1',
      grantedAt: '2027-05-01T00:00:00.000Z',
    });
    const replay = await data<Replay>(replaysAt(NOW, BUYER)({ action: 'get', id }));
    expect(replay.video).toMatchObject({ format: 'hls', url: expect.stringContaining('lesson') });
    expect(replay.access).toEqual({ paid: true, price: 1990 });
  });

  it('answers UNAVAILABLE, naming the replay, once every link has expired', async () => {
    const later = replaysAt(Date.parse('2027-06-09T00:00:00.000Z'));
    expect(await later({ action: 'get', id: 'first-livestream-2020' })).toEqual({
      ok: false,
      error: {
        code: 'UNAVAILABLE',
        message: expect.stringMatching(/^回放「云游蓬皮杜：首场中文直播导览」.*video\.url.*刷新/),
      },
    });
    expect(await later({ action: 'get', id: NIGHT_LIVE })).toMatchObject({
      error: { code: 'UNAVAILABLE', message: expect.stringContaining(`直播 ${NIGHT_LIVE}`) },
    });
    // The list still shows them: the next sync brings new links.
    expect((await data<ReplayListPage>(later({ action: 'list' }))).total).toBe(4);
  });

  it.each([SECRET_REPLAY, HIDDEN_LIVE, 'night-walk-old'])(
    'never answers %s: the recording of an unpublished replay or live, or one kept under an old id',
    async (id) => {
      expect(await replays({ action: 'get', id })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: expect.stringContaining(id) },
      });
      const page = await data<ReplayListPage>(replays({ action: 'list', limit: 50 }));
      expect(page.items.map((item) => item.id)).not.toContain(id);
    },
  );

  it('names the replay made from a live in `lives list`', async () => {
    const lives = createLivesMain({
      repository: setup.repository,
      state: setup.state,
      mediaUrl: localMediaUrl('http://h'),
      identify: () => undefined,
      now: () => NOW,
    });
    const { items } = await data<{ items: Live[] }>(lives({ action: 'list' }));
    const replayOf = Object.fromEntries(items.map((live) => [live.id, live.replayId ?? null]));
    expect(replayOf).toEqual({
      'kandinsky-colour-lesson-2027': 'kandinsky-colour-lesson-2027',
      'rooftop-paris-2027': null,
      'first-livestream-2020': 'first-livestream-2020',
      [NIGHT_LIVE]: NIGHT_LIVE,
      [DRAFT_LINK_LIVE]: null,
    });
  });
});
