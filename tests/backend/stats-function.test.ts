// The stats function on both stacks: the catalogue and the statistics in NeDB files, and in the
// CloudBase database stand-in (tests/backend/fake-cloud-db.ts fakes wx-server-sdk's database).
import { promises as fs } from 'fs';
import path from 'path';
import Datastore from '@seald-io/nedb';
import { createStatsMain, summarize } from '../../backend/functions/stats';
import { NedbStats } from '../../backend/repository/nedb-stats';
import { CloudBaseStats, type StatsRepository } from '../../backend/repository/stats';
import type { CatalogueRepository } from '../../backend/repository/types';
import type {
  Envelope,
  ErrorBody,
  ListenedAnswer,
  ListenedEvent,
  StatsSummary,
} from '../../miniprogram/types/api';
import { tempDir } from '../support/temp';
import { openSeededCloudBase, openSeededStore } from './fixture';

interface Stack {
  repository: CatalogueRepository;
  stats: StatsRepository;
  /** Everything the statistics wrote, as stored. */
  storedText(): Promise<string>;
  /** The event ids kept, with their day. */
  eventIds(): Promise<Array<{ _id: string; day: string }>>;
}

const STACKS: Array<[string, () => Promise<Stack>]> = [
  [
    'NeDB',
    async () => {
      const dir = await tempDir('pompidou-stats-');
      const read = (name: string) => fs.readFile(path.join(dir, name), 'utf8').catch(() => '');
      return {
        repository: (await openSeededStore()).repository,
        stats: new NedbStats(dir),
        storedText: async () => `${await read('stats-daily.db')}\n${await read('stats-events.db')}`,
        eventIds: async () => {
          const store = new Datastore<{ _id: string; day: string }>({
            filename: path.join(dir, 'stats-events.db'),
          });
          await store.loadDatabaseAsync();
          return store.findAsync({});
        },
      };
    },
  ],
  [
    'CloudBase (wx-server-sdk database)',
    async () => {
      const { repository, db } = await openSeededCloudBase();
      const all = async (name: string) =>
        ((await db.collection(name).limit(1000).get()) as { data: unknown[] }).data;
      return {
        repository,
        stats: new CloudBaseStats(db),
        storedText: async () => JSON.stringify([await all('statsDaily'), await all('statsEvents')]),
        eventIds: async () => (await all('statsEvents')) as Array<{ _id: string; day: string }>,
      };
    },
  ],
];

const ARLEQUIN = 'picasso-arlequin-1923';
const GUITARIST = 'picasso-guitariste-1910';
const DRAFT = 'picasso-secret-draft';
/** Made to have no narration yet (see withoutNarration). */
const SILENT = 'chagall-a-la-russie-1911';
const STAFF = 'o-staff-curator';
const NOON = Date.parse('2026-11-25T12:00:00+08:00');
const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

/** As CloudBase's getWXContext() would report the caller. */
const as = (openid: string) => ({ OPENID: openid });

/** The catalogue, with one published work whose narration is not recorded yet. */
function withoutNarration(repository: CatalogueRepository) {
  return {
    findArtworkSummaries: async (ids: string[]) =>
      (await repository.findArtworkSummaries(ids)).map((doc) =>
        doc.id === SILENT ? { ...doc, audio: null } : doc,
      ),
  };
}

let made = 0;
function listened(fields: Partial<ListenedEvent> = {}): ListenedEvent {
  made += 1;
  return {
    id: `ev-${made}`,
    artworkId: ARLEQUIN,
    seconds: 30,
    furthest: 31,
    finished: false,
    at: '2026-11-25T11:00:00+08:00',
    ...fields,
  };
}

describe.each(STACKS)('stats on %s', (_name, open) => {
  let stack: Stack;
  let clock: number;
  let main: ReturnType<typeof createStatsMain>;
  let arlequinDuration: number;

  beforeEach(async () => {
    stack = await open();
    clock = NOON;
    main = createStatsMain({
      repository: withoutNarration(stack.repository),
      stats: stack.stats,
      identify: (context) => (context as { OPENID?: string } | undefined)?.OPENID,
      staff: [STAFF],
      now: () => clock,
    });
    const [arlequin] = await stack.repository.findArtworkSummaries([ARLEQUIN]);
    arlequinDuration = arlequin?.audio?.duration ?? 0;
  });

  async function send(events: unknown[], context?: unknown): Promise<ListenedAnswer> {
    const envelope = (await main(
      { action: 'listened', events },
      context,
    )) as Envelope<ListenedAnswer>;
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
    return envelope.data;
  }

  async function summary(from: string, to: string): Promise<StatsSummary> {
    const envelope = (await main(
      { action: 'summary', from, to },
      as(STAFF),
    )) as Envelope<StatsSummary>;
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
    return envelope.data;
  }

  async function refused(event: unknown, context?: unknown): Promise<ErrorBody> {
    const envelope = await main(event, context);
    if (envelope.ok) throw new Error(`expected a refusal of ${JSON.stringify(event)}`);
    return envelope.error;
  }

  it('counts plays, finishes, seconds and where listeners stopped, per work', async () => {
    const events = [
      listened({ seconds: 12.5, furthest: 12.5 }),
      listened({ seconds: 40, furthest: 44.9 }),
      listened({ seconds: arlequinDuration, furthest: arlequinDuration, finished: true }),
      listened({
        artworkId: GUITARIST,
        seconds: 3,
        furthest: 0,
        exhibitionId: 'modern-masters-on-tour',
      }),
    ];
    expect(await send(events)).toEqual({ accepted: 4, duplicates: 0, rejected: [] });

    const { works } = await summary('2026-11-25', '2026-11-25');
    expect(works.map((work) => work.artworkId)).toEqual([ARLEQUIN, GUITARIST]);
    const [arlequin, guitarist] = works;
    const slices = Math.ceil((arlequinDuration + 5) / 5);
    const dropoff = new Array<number>(slices).fill(0);
    dropoff[2] = 1; // 12.5 s
    dropoff[8] = 1; // 44.9 s
    dropoff[Math.floor(arlequinDuration / 5)] = 1; // the end
    expect(arlequin).toEqual({
      artworkId: ARLEQUIN,
      plays: 3,
      finishes: 1,
      seconds: Math.round((52.5 + arlequinDuration) * 100) / 100,
      dropoff,
    });
    expect(guitarist).toMatchObject({ plays: 1, finishes: 0, seconds: 3 });
    expect(guitarist?.dropoff[0]).toBe(1);
  });

  it('puts a furthest position at the very limit in the last slice', async () => {
    const limit = arlequinDuration + 5;
    expect((await send([listened({ seconds: limit, furthest: limit })])).accepted).toBe(1);
    const [work] = (await summary('2026-11-25', '2026-11-25')).works;
    expect(work?.dropoff).toHaveLength(Math.ceil(limit / 5));
    expect(work?.dropoff.at(-1)).toBe(1);
  });

  it('counts an event once: the same batch twice, and the same id twice in a batch', async () => {
    const batch = [listened(), listened({ artworkId: GUITARIST })];
    expect(await send(batch)).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(await send(batch)).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    const again = listened();
    expect(await send([again, { ...again }, listened()])).toEqual({
      accepted: 2,
      duplicates: 1,
      rejected: [],
    });
    const { works } = await summary('2026-11-25', '2026-11-25');
    expect(works.map((work) => [work.artworkId, work.plays])).toEqual([
      [ARLEQUIN, 3],
      [GUITARIST, 1],
    ]);
  });

  it('counts identical batches sent at the same time once', async () => {
    const batch = Array.from({ length: 10 }, (_, index) =>
      listened({ artworkId: index % 2 ? GUITARIST : ARLEQUIN, finished: index < 4 }),
    );
    const answers = await Promise.all(Array.from({ length: 5 }, () => send(batch)));
    expect(answers.reduce((sum, answer) => sum + answer.accepted, 0)).toBe(10);
    expect(answers.reduce((sum, answer) => sum + answer.duplicates, 0)).toBe(40);
    const { works } = await summary('2026-11-25', '2026-11-25');
    expect(works.map((work) => [work.artworkId, work.plays, work.finishes, work.seconds])).toEqual([
      [ARLEQUIN, 5, 2, 150],
      [GUITARIST, 5, 2, 150],
    ]);
  });

  it('rejects each bad event with its reason, naming the field, and counts the others', async () => {
    const good = listened();
    const bad: Array<[unknown, string]> = [
      [listened({ artworkId: 'no-such-work' }), 'artworkId'],
      [listened({ artworkId: DRAFT }), 'artworkId'],
      [listened({ artworkId: SILENT }), 'artworkId'],
      [listened({ artworkId: 'Not A Slug' }), 'artworkId'],
      [listened({ seconds: -1 }), 'seconds'],
      [{ ...listened(), seconds: 'NaN' }, 'seconds'],
      [{ ...listened(), seconds: null }, 'seconds'],
      [listened({ seconds: arlequinDuration + 5.1 }), 'seconds'],
      [listened({ furthest: arlequinDuration + 6 }), 'furthest'],
      [listened({ furthest: -0.5 }), 'furthest'],
      [{ ...listened(), finished: 'yes' }, 'finished'],
      [listened({ at: 'yesterday' }), 'at'],
      [listened({ at: '2026-11-25 11:00' }), 'at'],
      [listened({ at: '2026-02-30T10:00:00+08:00' }), 'at'],
      [listened({ at: '2026-11-25T11:00:00' }), 'at'],
      [listened({ at: new Date(NOON + 11 * MINUTE).toISOString() }), 'at'],
      [listened({ at: new Date(NOON - 31 * DAY).toISOString() }), 'at'],
      [listened({ id: 'x'.repeat(65) }), 'id'],
      [listened({ id: 'has space' }), 'id'],
      [listened({ exhibitionId: 'Not_A_Slug' }), 'exhibitionId'],
    ];
    const { id: _omitted, ...withoutId } = listened();
    const answer = await send([good, ...bad.map(([event]) => event), withoutId, 'not an event']);
    expect(answer.accepted).toBe(1);
    expect(answer.duplicates).toBe(0);
    expect(answer.rejected).toHaveLength(bad.length + 2);
    for (const [event, field] of bad) {
      const id = (event as ListenedEvent).id;
      const rejection = answer.rejected.find((entry) => entry.id === id);
      expect({ id, reason: rejection?.reason }).toEqual({
        id,
        reason: expect.stringContaining(`参数 ${field}`),
      });
    }
    expect(answer.rejected).toEqual(
      expect.arrayContaining([
        { id: '', reason: '缺少参数 id。' },
        { id: '', reason: expect.stringContaining('events') },
      ]),
    );
    expect(JSON.stringify(answer)).not.toContain('未公开');
    // A little ahead of the server's clock is fine; so is an event 29 days old.
    expect(
      await send([
        listened({ at: new Date(NOON + 9 * MINUTE).toISOString() }),
        listened({ at: new Date(NOON - 29 * DAY).toISOString() }),
      ]),
    ).toMatchObject({ accepted: 2, rejected: [] });
  });

  it.each([
    ['listened without events', { action: 'listened' }, '缺少参数 events'],
    ['listened with no event', { action: 'listened', events: [] }, 'events'],
    ['listened with events not a list', { action: 'listened', events: 'all of them' }, 'events'],
    ['listened with 51 events', { action: 'listened', events: 51 }, 'events'],
    ['summary without to', { action: 'summary', from: '2026-11-25' }, 'to'],
    [
      'summary from 25/11/2026',
      { action: 'summary', from: '25/11/2026', to: '2026-11-25' },
      'from',
    ],
    [
      'summary from 30 February',
      { action: 'summary', from: '2026-02-30', to: '2026-03-01' },
      'from',
    ],
    ['summary to before from', { action: 'summary', from: '2026-11-25', to: '2026-11-24' }, 'to'],
    ['summary of 367 days', { action: 'summary', from: '2025-11-24', to: '2026-11-25' }, 'to'],
    ['an unknown action', { action: 'count' }, 'action'],
  ])('refuses %s with INVALID_ARGUMENT naming the field', async (_label, event, field) => {
    // 51 events are made here, so the test's title stays short.
    const sent =
      'events' in event && event.events === 51
        ? { ...event, events: Array.from({ length: 51 }, () => listened()) }
        : event;
    const error = await refused(sent, as(STAFF));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain(field);
  });

  it('takes 50 events in a call, and a summary of 366 days', async () => {
    const fifty = Array.from({ length: 50 }, () => listened());
    expect((await send(fifty)).accepted).toBe(50);
    expect((await summary('2025-11-25', '2026-11-25')).works[0]?.plays).toBe(50);
  });

  it('dates events by the day in Asia/Shanghai and sums the days asked for, both ends included', async () => {
    clock = Date.parse('2026-11-27T12:00:00+08:00');
    await send([
      listened({ at: '2026-11-23T15:59:59Z' }), // 23:59:59 on the 23rd in Shanghai
      listened({ at: '2026-11-24T17:30:00Z' }), // 01:30 on the 25th in Shanghai
      listened({ at: '2026-11-25T20:00:00+08:00' }),
      listened({ at: '2026-11-26T00:00:00+08:00' }),
      listened({ artworkId: GUITARIST, at: '2026-11-24T10:00:00+08:00' }),
    ]);
    const plays = async (from: string, to: string) =>
      (await summary(from, to)).works.map((work) => [work.artworkId, work.plays]);
    expect(await plays('2026-11-25', '2026-11-25')).toEqual([[ARLEQUIN, 2]]);
    expect(await plays('2026-11-24', '2026-11-24')).toEqual([[GUITARIST, 1]]);
    expect(await plays('2026-11-24', '2026-11-26')).toEqual([
      [ARLEQUIN, 3],
      [GUITARIST, 1],
    ]);
    expect(await plays('2026-11-23', '2026-11-26')).toEqual([
      [ARLEQUIN, 4],
      [GUITARIST, 1],
    ]);
    expect(await plays('2026-11-27', '2026-12-31')).toEqual([]);
    expect(await summarize(stack.stats, '2026-11-23', '2026-11-23')).toEqual({
      works: [expect.objectContaining({ artworkId: ARLEQUIN, plays: 1 })],
    });
  });

  it('answers the summary to staff only', async () => {
    await send([listened()]);
    for (const context of [undefined, {}, as(''), as('o-visitor-1')]) {
      expect(
        await refused({ action: 'summary', from: '2026-11-25', to: '2026-11-25' }, context),
      ).toMatchObject({ code: 'PERMISSION_DENIED', message: expect.stringContaining('openid') });
    }
    expect((await summary('2026-11-25', '2026-11-25')).works).toHaveLength(1);
  });

  it('sorts by plays, then id, and leaves out a work no longer published', async () => {
    const tally = (artworkId: string, plays: number) => ({
      day: '2026-11-25',
      artworkId,
      plays,
      finishes: 0,
      seconds: plays * 10,
      dropoff: [plays],
    });
    await stack.stats.addListening(tally(GUITARIST, 2));
    await stack.stats.addListening(tally(DRAFT, 9));
    await stack.stats.addListening(tally(ARLEQUIN, 2));
    await stack.stats.addListening(tally('kandinsky-arc-noir-1912', 3));
    expect((await summary('2026-11-25', '2026-11-25')).works.map((work) => work.artworkId)).toEqual(
      ['kandinsky-arc-noir-1912', ARLEQUIN, GUITARIST],
    );
    // The report script reads the store itself, on the museum's machine.
    expect((await summarize(stack.stats, '2026-11-25', '2026-11-25')).works[0]?.artworkId).toBe(
      DRAFT,
    );
  });

  it('stores nothing that identifies the visitor', async () => {
    const secret = 'o-visitor-secret-openid';
    await send([{ ...listened(), openid: secret, nickName: 'Alice' }], as(secret));
    await send([listened({ id: 'second-one', artworkId: GUITARIST, finished: true })], as(secret));
    const text = await stack.storedText();
    expect(text).toContain('second-one');
    expect(text).not.toContain(secret);
    expect(text).not.toMatch(/openid|nickName|Alice/i);
    const ids = await stack.eventIds();
    expect(ids).toContainEqual({ _id: 'second-one', day: '2026-11-25' });
    for (const record of ids) expect(Object.keys(record).sort()).toEqual(['_id', 'day']);
  });

  it('writes nothing half: when the sums fail the ids are let go, and a retry counts the events', async () => {
    const failing = Object.create(stack.stats) as StatsRepository;
    let failures = 1;
    failing.addListening = async (tally) => {
      if (failures-- > 0) throw new Error('database timeout');
      return stack.stats.addListening(tally);
    };
    const errors: unknown[] = [];
    const flaky = createStatsMain({
      repository: stack.repository,
      stats: failing,
      identify: () => undefined,
      staff: [],
      now: () => clock,
      logError: (error) => errors.push(error),
    });
    const batch = [listened(), listened()];
    expect(await flaky({ action: 'listened', events: batch })).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringContaining('events') },
    });
    expect(errors).toHaveLength(1);
    expect(await stack.eventIds()).toEqual([]);
    expect(await flaky({ action: 'listened', events: batch })).toEqual({
      ok: true,
      data: { accepted: 2, duplicates: 0, rejected: [] },
    });
    expect((await summary('2026-11-25', '2026-11-25')).works[0]?.plays).toBe(2);
  });

  it('forgets ids once their events are too old to be sent again', async () => {
    await send([listened({ id: 'old-one', at: new Date(NOON - 29 * DAY).toISOString() })]);
    await send([listened({ id: 'recent-one' })]);
    expect((await stack.eventIds()).map((record) => record._id).sort()).toEqual([
      'old-one',
      'recent-one',
    ]);
    clock = NOON + 3 * DAY;
    await send([listened({ id: 'today-one', at: new Date(clock).toISOString() })]);
    expect((await stack.eventIds()).map((record) => record._id).sort()).toEqual([
      'recent-one',
      'today-one',
    ]);
  });

  it('holds back one caller over its limit, not the others (in this instance)', async () => {
    const limited = createStatsMain({
      repository: stack.repository,
      stats: stack.stats,
      identify: (context) => (context as { OPENID?: string } | undefined)?.OPENID,
      staff: [],
      rateLimit: { max: 2, windowSeconds: 60 },
      now: () => clock,
    });
    const call = (openid: string) =>
      limited({ action: 'listened', events: [listened()] }, as(openid));
    expect((await call('o-a')).ok).toBe(true);
    expect((await call('o-a')).ok).toBe(true);
    expect(await call('o-a')).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: '请求过于频繁：请在 60 秒后再试。' },
    });
    expect((await call('o-b')).ok).toBe(true);
    clock += 60 * 1000;
    expect((await call('o-a')).ok).toBe(true);
  });
});
