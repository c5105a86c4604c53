import { spawn } from 'child_process';
import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import { loadCatalogue } from '../../backend/content/load';
import type { LiveDoc } from '../../backend/domain/catalogue';
import { localMediaUrl } from '../../backend/domain/media';
import {
  describeSync,
  fetchRoomReplay,
  openapiReplayFetcher,
  platformTime,
  readReplayPage,
  syncReplays,
  type LiveBroadcastOpenApi,
  type ReplayPageFetcher,
  type ReplaySyncReport,
} from '../../backend/domain/replay-sync';
import { createLinkSigner } from '../../backend/domain/signing';
import { localVideoLinker } from '../../backend/domain/video-links';
import { createReplaysMain } from '../../backend/functions/replays';
import { CloudBaseCatalogue } from '../../backend/repository/cloudbase';
import { CloudBaseLiveState, type LiveStateRepository } from '../../backend/repository/live-state';
import { NedbCatalogue, seedLocalStore } from '../../backend/repository/nedb';
import { NedbLiveState } from '../../backend/repository/nedb-live-state';
import type { CatalogueRepository } from '../../backend/repository/types';
import type { Envelope, Replay } from '../../miniprogram/types/api';
import { fakeCloudDb, type FakeCloudDb } from './fake-cloud-db';
import { CONTENT_DIR } from './fixture';
import { tempDir } from '../support/temp';

const ROOT = path.resolve(__dirname, '../..');
/** After every sample live but the 2028 one; the kandinsky example (15 May 2027) has ended. */
const NOW = Date.parse('2027-06-01T12:00:00+08:00');

// ---- The catalogue: content/ and its lives, given rooms, plus lives whose rooms answer oddly.

type Doc = Record<string, unknown>;

async function sampleCatalogue() {
  const catalogue = await loadCatalogue(CONTENT_DIR);
  const lives = catalogue.lives ?? [];
  const template = lives.find((live) => live.id === 'first-livestream-2020');
  if (!template) throw new Error('content/lives has no first-livestream-2020');
  const extra = (id: string, roomId: number, startsAt: string, more: Partial<LiveDoc> = {}) => {
    const { replayId: _none, ...rest } = template;
    return {
      ...rest,
      _id: id,
      id,
      title: `示例直播 ${id}`,
      startsAt,
      liveRoom: { roomId },
      ...more,
    };
  };
  return {
    ...catalogue,
    lives: [
      // Streamed in room 201: its recording replaces the staff-written replay's video.
      ...lives.map((live) =>
        live.id === template.id ? { ...live, liveRoom: { roomId: 201 } } : live,
      ),
      extra('studio-visit-2021', 301, '2021-03-01T20:00:00+08:00'),
      extra('evening-talk-2021', 302, '2021-04-01T20:00:00+08:00'),
      extra('odd-answer-2021', 303, '2021-05-01T20:00:00+08:00'),
      extra('next-year-2028', 304, '2028-01-01T20:00:00+08:00'),
      extra('hidden-2021', 305, '2021-06-01T20:00:00+08:00', { published: false }),
    ],
  };
}

async function nedbCatalogue(): Promise<CatalogueRepository> {
  const dir = await tempDir('replay-sync-store-');
  await seedLocalStore(dir, await sampleCatalogue(), 'replay-sync');
  return NedbCatalogue.open(dir);
}

async function cloudCatalogue(): Promise<{ repository: CatalogueRepository; db: FakeCloudDb }> {
  const catalogue = await sampleCatalogue();
  const db = fakeCloudDb({
    artists: catalogue.artists as unknown as Doc[],
    artworks: catalogue.artworks as unknown as Doc[],
    replays: catalogue.replays as unknown as Doc[],
    lives: catalogue.lives as unknown as Doc[],
  });
  return { repository: new CloudBaseCatalogue(db), db };
}

// ---- The live platform: answers of getLiveInfo (get_replay) in the documented shape.

interface SampleEntry {
  media_url: string;
  expire_time: string | number;
  create_time: string | number;
}

/** Room 201's three recordings, listed out of order; the first one's link has expired at NOW. */
const ROOM_201: SampleEntry[] = [
  {
    media_url: 'https://replay.example.com/201/part-2.m3u8?sign=b',
    expire_time: '2027-06-08T00:00:00Z',
    create_time: '2020-12-14T12:10:00Z',
  },
  {
    media_url: 'https://replay.example.com/201/part-1.m3u8?sign=a',
    expire_time: '2027-05-31T00:00:00Z',
    create_time: '2020-12-14T11:05:00Z',
  },
  // Unix seconds: 2027-06-03T05:20:00Z and 2020-12-14T12:46:40Z.
  {
    media_url: 'https://replay.example.com/201/part-3.m3u8?sign=c',
    expire_time: 1812000000,
    create_time: 1607950000,
  },
];

const ROOM_101: SampleEntry[] = [
  {
    media_url: 'https://replay.example.com/101/lesson.m3u8?sign=k',
    expire_time: '2027-06-10T00:00:00Z',
    create_time: '2027-05-15T08:40:00Z',
  },
];

type RoomAnswer = { entries: SampleEntry[] } | { answer: unknown };

const ANSWERS: Record<number, RoomAnswer> = {
  201: { entries: ROOM_201 },
  101: { entries: ROOM_101 },
  // Ended an hour ago in the story: the platform is still making the recording.
  301: { entries: [] },
  302: { answer: { errcode: 9410000, errmsg: 'live room not exist' } },
  303: {
    answer: {
      errcode: 0,
      errmsg: 'ok',
      total: 1,
      live_replay: [{ ...ROOM_101[0], media_url: 'http://replay.example.com/303/a.m3u8' }],
    },
  },
};

function page(entries: SampleEntry[], start: number, limit: number) {
  return { total: entries.length, items: entries.slice(start, start + limit) };
}

/** The HTTP API: snake_case keys, errcode 0 on success. */
function httpPlatform(answers: Record<number, RoomAnswer>) {
  const calls: Array<{ roomId: number; start: number; limit: number }> = [];
  const fetchPage: ReplayPageFetcher = async (request) => {
    calls.push(request);
    const room = answers[request.roomId] ?? { answer: { errcode: 9410000, errmsg: 'empty' } };
    if ('answer' in room) return room.answer;
    const { total, items } = page(room.entries, request.start, request.limit);
    return { errcode: 0, errmsg: 'ok', total, live_replay: items };
  };
  return { fetchPage, calls };
}

/** wx-server-sdk: camelCase answers, errcode and errmsg dropped, refusals thrown. */
function sdkPlatform(answers: Record<number, RoomAnswer>) {
  const calls: unknown[] = [];
  const openapi: LiveBroadcastOpenApi = {
    liveBroadcast: {
      async getLiveInfo(request) {
        calls.push(request);
        const room = answers[request.roomId] ?? { answer: { errcode: 9410000, errmsg: 'empty' } };
        if ('answer' in room) {
          const answer = room.answer as { errcode?: number; errmsg?: string };
          if (answer.errcode) {
            throw Object.assign(new Error('openapi fail'), {
              errCode: answer.errcode,
              errMsg: `openapi.liveBroadcast.getLiveInfo:fail ${answer.errmsg ?? ''}`,
            });
          }
          return room.answer;
        }
        const { total, items } = page(room.entries, request.start, request.limit);
        return {
          total,
          liveReplay: items.map((entry) => ({
            mediaUrl: entry.media_url,
            expireTime: entry.expire_time,
            createTime: entry.create_time,
          })),
        };
      },
    },
  };
  return { fetchPage: openapiReplayFetcher(openapi), calls };
}

const outcomes = (report: ReplaySyncReport) =>
  Object.fromEntries(report.results.map((result) => [result.liveId, result.outcome]));

const figures = (report: ReplaySyncReport) => ({
  created: report.created,
  updated: report.updated,
  leftAlone: report.leftAlone,
});

const FIRST_RUN = {
  'first-livestream-2020': 'created',
  'kandinsky-colour-lesson-2027': 'created',
  'studio-visit-2021': 'not-ready',
  'evening-talk-2021': 'failed',
  'odd-answer-2021': 'failed',
};

describe('reading an answer of getLiveInfo (get_replay)', () => {
  it.each([
    ['2020-11-11T03:49:55Z', '2020-11-11T03:49:55.000Z'],
    ['2020-11-11T11:49:55+08:00', '2020-11-11T03:49:55.000Z'],
    [1605066595, '2020-11-11T03:49:55.000Z'],
    ['1605066595', '2020-11-11T03:49:55.000Z'],
    // No zone: Beijing time, the platform's own.
    ['2020-11-11 11:49:55', '2020-11-11T03:49:55.000Z'],
  ])('reads the time %j as %s', (raw, iso) => {
    expect(platformTime(raw)).toBe(iso);
  });

  it.each([[''], ['tomorrow'], [-5], [1.5], [null], [undefined], [{}]])(
    'reads no time in %j',
    (raw) => {
      expect(platformTime(raw)).toBeNull();
    },
  );

  it('takes both key styles: the HTTP API snake_case and the SDK camelCase', () => {
    const entry = {
      url: 'https://replay.example.com/101/lesson.m3u8?sign=k',
      expiresAt: '2027-06-10T00:00:00.000Z',
      createdAt: '2027-05-15T08:40:00.000Z',
    };
    expect(readReplayPage({ errcode: 0, errmsg: 'ok', total: 1, live_replay: ROOM_101 })).toEqual({
      ok: true,
      total: 1,
      entries: [entry],
    });
    expect(
      readReplayPage({
        total: 1,
        liveReplay: [
          { mediaUrl: entry.url, expireTime: '2027-06-10T00:00:00Z', createTime: 1810370400 },
        ],
      }),
    ).toEqual({ ok: true, total: 1, entries: [entry] });
  });

  const good = ROOM_101[0]!;
  it.each([
    ['an errcode', 'errcode 9410000', { errcode: 9410000, errmsg: 'live room not exist' }],
    ['a list that is not there', 'live_replay', { errcode: 0, errmsg: 'ok', total: 0 }],
    ['a total in words', 'total', { total: 'one', live_replay: [good] }],
    ['not an object', 'JSON', 'ok'],
    ['an entry that is not an object', 'live_replay[0]', { live_replay: ['x'] }],
    ['no media_url', 'media_url', { live_replay: [{ ...good, media_url: undefined }] }],
    ['an http link', 'https', { live_replay: [{ ...good, media_url: 'http://a.b/c.m3u8' }] }],
    ['an MP4', '.m3u8', { live_replay: [{ ...good, media_url: 'https://a.b/c.mp4' }] }],
    ['no link at all', 'media_url', { live_replay: [{ ...good, media_url: 'c.m3u8' }] }],
    ['no expire_time', 'expire_time', { live_replay: [{ ...good, expire_time: undefined }] }],
    ['a bad create_time', 'create_time', { live_replay: [{ ...good, create_time: 'soon' }] }],
  ])('refuses an answer with %s, naming %s', (_what, named, answer) => {
    const reading = readReplayPage(answer);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.reason).toContain(named);
  });

  it('asks page after page until total is reached', async () => {
    const { fetchPage, calls } = httpPlatform({ 201: { entries: ROOM_201 } });
    const fetched = await fetchRoomReplay(fetchPage, 201, 2);
    expect(calls).toEqual([
      { roomId: 201, start: 0, limit: 2 },
      { roomId: 201, start: 2, limit: 2 },
    ]);
    expect(fetched.kind === 'entries' && fetched.entries.map((entry) => entry.url)).toEqual([
      'https://replay.example.com/201/part-1.m3u8?sign=a',
      'https://replay.example.com/201/part-2.m3u8?sign=b',
      'https://replay.example.com/201/part-3.m3u8?sign=c',
    ]);
  });

  it('never asks for more than 100 a page, and fails a second page that is odd', async () => {
    const many = Array.from({ length: 101 }, (_, index) => ({
      ...ROOM_101[0]!,
      media_url: `https://replay.example.com/many/${index}.m3u8`,
    }));
    many[100] = { ...many[100]!, media_url: 'https://replay.example.com/many/100.flv' };
    const { fetchPage, calls } = httpPlatform({ 9: { entries: many } });
    const fetched = await fetchRoomReplay(fetchPage, 9, 500);
    expect(calls.map((call) => [call.start, call.limit])).toEqual([
      [0, 100],
      [100, 100],
    ]);
    expect(fetched).toEqual({
      kind: 'failed',
      reason: expect.stringContaining('live_replay[100].media_url'),
    });
  });

  it('reports a fetch that got no answer', async () => {
    const fetched = await fetchRoomReplay(async () => {
      throw new Error('socket hang up');
    }, 1);
    expect(fetched).toEqual({ kind: 'failed', reason: expect.stringContaining('socket hang up') });
  });
});

type Platform = (answers: Record<number, RoomAnswer>) => {
  fetchPage: ReplayPageFetcher;
  calls: unknown[];
};

interface Setup {
  repository: CatalogueRepository;
  state: LiveStateRepository;
  /** Replay sources written so far. */
  writes: () => number;
  platform: Platform;
}

describe.each<[string, () => Promise<Setup>]>([
  [
    'NeDB live state, HTTP answers',
    async () => {
      const state = new NedbLiveState(await tempDir('replay-sync-state-'));
      let saves = 0;
      const save = state.saveReplaySource.bind(state);
      state.saveReplaySource = async (record) => {
        saves += 1;
        return save(record);
      };
      return {
        repository: await nedbCatalogue(),
        state,
        writes: () => saves,
        platform: httpPlatform,
      };
    },
  ],
  [
    'CloudBase live state, wx-server-sdk answers',
    async () => {
      const { repository } = await cloudCatalogue();
      const db = fakeCloudDb({});
      const writes = () =>
        db.calls.filter((call) => call.collection === 'replaySources' && call.kind === 'doc.set')
          .length;
      const state = new CloudBaseLiveState(db);
      return { repository, state, writes, platform: sdkPlatform };
    },
  ],
])('syncing replays on %s', (_name, open) => {
  it('creates, leaves alone what is unchanged, updates what changed, and never rewrites for nothing', async () => {
    const { repository, state, writes, platform } = await open();
    const { fetchPage, calls } = platform(ANSWERS);
    const sync = (now = NOW, answers = fetchPage) =>
      syncReplays({
        catalogue: repository,
        state,
        fetchPage: answers,
        now: () => now,
        pageSize: 2,
      });

    const first = await sync();
    expect(outcomes(first)).toEqual(FIRST_RUN);
    expect(figures(first)).toEqual({ created: 2, updated: 0, leftAlone: 3 });
    expect(writes()).toBe(2);
    // Rooms of lives not yet ended, or unpublished, are never asked about.
    expect(JSON.stringify(calls)).not.toMatch(/30[45]/);
    expect(first.results.find((r) => r.liveId === 'evening-talk-2021')?.reason).toContain(
      '9410000',
    );
    expect(first.results.find((r) => r.liveId === 'odd-answer-2021')?.reason).toContain('https');
    expect(first.results.find((r) => r.liveId === 'studio-visit-2021')?.reason).toContain(
      '尚未生成',
    );

    const stored = await state.findReplaySource('first-livestream-2020');
    expect(stored).toEqual({
      _id: 'first-livestream-2020',
      liveId: 'first-livestream-2020',
      roomId: 201,
      entries: [
        {
          url: 'https://replay.example.com/201/part-1.m3u8?sign=a',
          expiresAt: '2027-05-31T00:00:00.000Z',
          createdAt: '2020-12-14T11:05:00.000Z',
        },
        {
          url: 'https://replay.example.com/201/part-2.m3u8?sign=b',
          expiresAt: '2027-06-08T00:00:00.000Z',
          createdAt: '2020-12-14T12:10:00.000Z',
        },
        {
          url: 'https://replay.example.com/201/part-3.m3u8?sign=c',
          expiresAt: '2027-06-03T05:20:00.000Z',
          createdAt: '2020-12-14T12:46:40.000Z',
        },
      ],
      syncedAt: new Date(NOW).toISOString(),
    });
    // A live that names no replay gets one under its own id.
    expect(await state.findReplaySource('kandinsky-colour-lesson-2027')).toMatchObject({
      liveId: 'kandinsky-colour-lesson-2027',
      roomId: 101,
      entries: [{ url: 'https://replay.example.com/101/lesson.m3u8?sign=k' }],
    });
    for (const id of ['studio-visit-2021', 'evening-talk-2021', 'odd-answer-2021']) {
      expect(await state.findReplaySource(id)).toBeNull();
    }

    // An hour later, the same answers: nothing is written, syncedAt stays.
    const second = await sync(NOW + 3_600_000);
    expect(figures(second)).toEqual({ created: 0, updated: 0, leftAlone: 5 });
    expect(second.results.filter((r) => r.outcome === 'unchanged')).toHaveLength(2);
    expect(writes()).toBe(2);
    expect((await state.findReplaySource('first-livestream-2020'))?.syncedAt).toBe(
      new Date(NOW).toISOString(),
    );

    // The platform signs a new link; the room that broke now answers empty: that record stays.
    const renewed = platform({
      ...ANSWERS,
      101: {
        entries: [
          { ...ROOM_101[0]!, media_url: 'https://replay.example.com/101/lesson.m3u8?sign=k2' },
        ],
      },
      201: { entries: [] },
    });
    const third = await sync(NOW + 7_200_000, renewed.fetchPage);
    expect(outcomes(third)).toMatchObject({
      'kandinsky-colour-lesson-2027': 'updated',
      'first-livestream-2020': 'not-ready',
    });
    expect(figures(third)).toEqual({ created: 0, updated: 1, leftAlone: 4 });
    expect(writes()).toBe(3);
    expect((await state.findReplaySource('kandinsky-colour-lesson-2027'))?.entries[0]?.url).toMatch(
      /sign=k2$/,
    );
    expect((await state.findReplaySource('first-livestream-2020'))?.entries).toHaveLength(3);

    // Odd answers for every room: no record changes.
    const odd = platform(
      Object.fromEntries(
        [101, 201].map((room) => [room, { answer: { total: 1, live_replay: [{ media_url: 5 }] } }]),
      ),
    );
    const before = JSON.stringify([
      await state.findReplaySource('first-livestream-2020'),
      await state.findReplaySource('kandinsky-colour-lesson-2027'),
    ]);
    const fourth = await sync(NOW + 10_800_000, odd.fetchPage);
    expect(figures(fourth)).toEqual({ created: 0, updated: 0, leftAlone: 5 });
    expect(writes()).toBe(3);
    expect(
      JSON.stringify([
        await state.findReplaySource('first-livestream-2020'),
        await state.findReplaySource('kandinsky-colour-lesson-2027'),
      ]),
    ).toBe(before);
  });

  it('in a dry run, says what it would write and writes nothing', async () => {
    const { repository, state, writes, platform } = await open();
    const report = await syncReplays({
      catalogue: repository,
      state,
      fetchPage: platform(ANSWERS).fetchPage,
      now: () => NOW,
      dryRun: true,
    });
    expect(figures(report)).toEqual({ created: 2, updated: 0, leftAlone: 3 });
    expect(writes()).toBe(0);
    expect(await state.findReplaySource('first-livestream-2020')).toBeNull();
    expect(describeSync(report)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^would create +replay first-livestream-2020 ← live first-livestream-2020 \(room 201\): 3 recording/,
        ),
        'Dry run, nothing written: 2 created, 0 updated, 3 left alone.',
      ]),
    );
  });

  it('leads to replays that play the HLS recording', async () => {
    const { repository, state, platform } = await open();
    await syncReplays({
      catalogue: repository,
      state,
      fetchPage: platform(ANSWERS).fetchPage,
      now: () => NOW,
    });
    const main = createReplaysMain({
      repository,
      mediaUrl: localMediaUrl('http://h'),
      videoLink: localVideoLinker(
        createLinkSigner({
          secret: 'test-secret-test-secret',
          baseUrl: 'http://h/media',
          ttlSeconds: 60,
        }),
      ),
      state,
      identify: () => undefined,
      now: () => NOW,
    });
    const envelope = (await main({
      action: 'get',
      id: 'first-livestream-2020',
    })) as Envelope<Replay>;
    expect(envelope.ok).toBe(true);
    if (!envelope.ok) return;
    expect(envelope.data.video).toMatchObject({
      format: 'hls',
      url: 'https://replay.example.com/201/part-2.m3u8?sign=b',
      expiresAt: Date.parse('2027-06-08T00:00:00Z'),
      demo: false,
    });
    expect(envelope.data.chapters.length).toBeGreaterThan(3);
  });
});

describe('the SDK fetcher', () => {
  it('sends roomId with action get_replay and turns a thrown refusal into its errcode', async () => {
    const { fetchPage, calls } = sdkPlatform({ 302: ANSWERS[302]! });
    expect(await fetchPage({ roomId: 302, start: 0, limit: 100 })).toEqual({
      errcode: 9410000,
      errmsg: expect.stringContaining('live room not exist'),
    });
    expect(calls).toEqual([{ action: 'get_replay', roomId: 302, start: 0, limit: 100 }]);
  });

  it('lets a failure with no errCode through, as no answer', async () => {
    const fetchPage = openapiReplayFetcher({
      liveBroadcast: {
        getLiveInfo: () => Promise.reject(new Error('ECONNRESET')),
      },
    });
    await expect(fetchPage({ roomId: 1, start: 0, limit: 1 })).rejects.toThrow('ECONNRESET');
  });
});

// ---- The staff command itself, against a stand-in of api.weixin.qq.com on loopback.

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runScript(args: string[], env: Record<string, string>): Promise<Run> {
  const base = { ...process.env };
  for (const name of ['WX_APPID', 'WX_APPSECRET', 'WX_API_BASE', 'STORE_DIR', 'VISITORS_FILE']) {
    delete base[name];
  }
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/sync-replays.ts', ...args], {
      cwd: ROOT,
      env: { ...base, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Answers stable_token and getliveinfo as WeChat does; records every request. */
async function wechatStandIn() {
  const requests: Array<{ path: string; body: Doc }> = [];
  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      const body = JSON.parse(text || '{}') as Doc;
      requests.push({ path: url.pathname, body });
      response.setHeader('content-type', 'application/json');
      if (url.pathname === '/cgi-bin/stable_token') {
        const ok = body.appid === 'wx-test' && body.secret === 'secret-test';
        response.end(
          JSON.stringify(
            ok
              ? { access_token: 'token-1', expires_in: 7200 }
              : { errcode: 40125, errmsg: 'invalid appsecret' },
          ),
        );
        return;
      }
      if (url.searchParams.get('access_token') !== 'token-1') {
        response.end(JSON.stringify({ errcode: 40001, errmsg: 'invalid credential' }));
        return;
      }
      const room = ANSWERS[Number(body.room_id)];
      if (!room || 'answer' in room) {
        response.end(JSON.stringify(room?.answer ?? { errcode: 9410000, errmsg: 'empty' }));
        return;
      }
      const { total, items } = page(room.entries, Number(body.start), Number(body.limit));
      response.end(JSON.stringify({ errcode: 0, errmsg: 'ok', total, live_replay: items }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, requests, close: () => server.close() };
}

describe('npm run replays:sync', () => {
  /** A local store whose lives have all ended by now (the script reads the real clock). */
  async function pastStore() {
    const catalogue = await sampleCatalogue();
    const storeDir = await tempDir('replay-sync-script-store-');
    const lives = catalogue.lives.filter(
      (live) => live.liveRoom && live.published && Date.parse(live.startsAt) < Date.now(),
    );
    // The 2027 example is ended here in the story only; the script runs today.
    await seedLocalStore(storeDir, { ...catalogue, lives }, 'script');
    const visitorsDir = await tempDir('replay-sync-script-state-');
    return {
      STORE_DIR: storeDir,
      VISITORS_FILE: path.join(visitorsDir, 'visitors.db'),
      stateDir: visitorsDir,
    };
  }

  it('syncs the local store over the HTTP API, prints each live and the figures', async () => {
    const standIn = await wechatStandIn();
    try {
      const { stateDir, ...dirs } = await pastStore();
      const env = {
        ...dirs,
        WX_APPID: 'wx-test',
        WX_APPSECRET: 'secret-test',
        WX_API_BASE: standIn.base,
      };

      const dry = await runScript(['--dry-run'], env);
      expect(dry.stdout).toContain('would create');
      expect(dry.stdout).toContain('Dry run, nothing written: 1 created, 0 updated, 3 left alone.');
      expect(await new NedbLiveState(stateDir).listReplaySources()).toEqual([]);

      const run = await runScript([], env);
      expect(run.stdout).toContain('Replays synced: 1 created, 0 updated, 3 left alone.');
      expect(run.stdout).toMatch(/failed +replay evening-talk-2021 .*errcode 9410000/);
      // A live that failed makes the command fail, after printing everything.
      expect(run.status).toBe(1);
      const again = await runScript([], env);
      expect(again.stdout).toContain('Replays synced: 0 created, 0 updated, 4 left alone.');
      expect((await new NedbLiveState(stateDir).listReplaySources()).map((s) => s._id)).toEqual([
        'first-livestream-2020',
      ]);

      const getliveinfo = standIn.requests.filter((r) => r.path === '/wxa/business/getliveinfo');
      expect(getliveinfo[0]?.body).toEqual({
        action: 'get_replay',
        room_id: 201,
        start: 0,
        limit: 100,
      });
      // One token a run.
      expect(standIn.requests.filter((r) => r.path === '/cgi-bin/stable_token')).toHaveLength(3);
      expect(JSON.stringify(standIn.requests.map((r) => r.path))).not.toContain('secret-test');
    } finally {
      standIn.close();
    }
  }, 60_000);

  it('refuses to run without WX_APPID and WX_APPSECRET, naming them', async () => {
    const { stateDir: _dir, ...dirs } = await pastStore();
    const run = await runScript([], { ...dirs, WX_APPID: 'wx-test' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('WX_APPSECRET');
  }, 60_000);
});
