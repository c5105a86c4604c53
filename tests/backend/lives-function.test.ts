// The lives function on both stacks: the catalogue and live state in NeDB files, and in the
// CloudBase database stand-in (tests/backend/fake-cloud-db.ts fakes wx-server-sdk's database).
import { createLivesMain } from '../../backend/functions/lives';
import { localMediaUrl } from '../../backend/domain/media';
import { CloudBaseLiveState, type LiveStateRepository } from '../../backend/repository/live-state';
import { NedbLiveState } from '../../backend/repository/nedb-live-state';
import type { CatalogueRepository } from '../../backend/repository/types';
import type { Envelope, ErrorBody, Live } from '../../miniprogram/types/api';
import { tempDir } from '../support/temp';
import { openSeededCloudBase, openSeededStore } from './fixture';

interface Stack {
  repository: CatalogueRepository;
  state: LiveStateRepository;
}

const STACKS: Array<[string, () => Promise<Stack>]> = [
  [
    'NeDB',
    async () => ({
      repository: (await openSeededStore()).repository,
      state: new NedbLiveState(await tempDir('pompidou-lives-')),
    }),
  ],
  [
    'CloudBase (wx-server-sdk database)',
    async () => {
      const { repository, db } = await openSeededCloudBase();
      return { repository, state: new CloudBaseLiveState(db) };
    },
  ],
];

/** As CloudBase's getWXContext() would report the caller. */
const as = (openid: string) => ({ OPENID: openid });

describe.each(STACKS)('lives on %s', (_name, open) => {
  let stack: Stack;
  let clock: number;
  let main: ReturnType<typeof createLivesMain>;

  beforeEach(async () => {
    stack = await open();
    clock = Date.parse('2026-11-25T12:00:00+08:00');
    main = createLivesMain({
      ...stack,
      mediaUrl: localMediaUrl('http://127.0.0.1:3000'),
      identify: (context) => (context as { OPENID?: string } | undefined)?.OPENID,
      now: () => clock,
    });
  });

  async function list(): Promise<Live[]> {
    const envelope = (await main({ action: 'list' })) as Envelope<{ items: Live[] }>;
    if (!envelope.ok) throw new Error(envelope.error.message);
    return envelope.data.items;
  }

  async function refused(event: unknown, context?: unknown): Promise<ErrorBody> {
    const envelope = await main(event, context);
    if (envelope.ok) throw new Error(`expected a refusal of ${JSON.stringify(event)}`);
    return envelope.error;
  }

  it('lists upcoming lives soonest first, then ended ones, never an unpublished one', async () => {
    const items = await list();
    expect(items.map((live) => [live.id, live.status])).toEqual([
      ['rooftop-paris-2027', 'upcoming'],
      ['kandinsky-colour-lesson-2027', 'upcoming'],
      ['first-livestream-2020', 'ended'],
    ]);
    const rooftop = items[0] as Live;
    expect(rooftop).toMatchObject({
      startsAt: '2027-03-20T20:00:00+08:00',
      durationMinutes: 60,
      channels: { finderUserName: 'sphDemoPompidou01' },
      access: { paid: false },
      example: expect.stringContaining('示例'),
      cover: { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:3000\/media\/images\//) },
    });
    expect(rooftop.channels).not.toHaveProperty('feedId');
    expect(items[1]).toMatchObject({ access: { paid: true, price: 1990 }, liveRoomId: 101 });
    expect(items[2]).toMatchObject({ replayId: 'first-livestream-2020' });
    expect(JSON.stringify(items)).not.toContain('secret-live-2030');
  });

  it('puts a live in progress first, and moves lives on as the clock does', async () => {
    clock = Date.parse('2027-03-20T20:30:00+08:00');
    expect((await list()).map((live) => [live.id, live.status])).toEqual([
      ['rooftop-paris-2027', 'live'],
      ['kandinsky-colour-lesson-2027', 'upcoming'],
      ['first-livestream-2020', 'ended'],
    ]);
    clock = Date.parse('2027-06-01T00:00:00+08:00');
    expect((await list()).map((live) => [live.id, live.status])).toEqual([
      ['kandinsky-colour-lesson-2027', 'ended'],
      ['rooftop-paris-2027', 'ended'],
      ['first-livestream-2020', 'ended'],
    ]);
  });

  it('records a reminder once per visitor and live, however often it is asked', async () => {
    expect(await main({ action: 'remind', id: 'rooftop-paris-2027' }, as('o-visitor-1'))).toEqual({
      ok: true,
      data: { reminded: true },
    });
    await main({ action: 'remind', id: 'rooftop-paris-2027' }, as('o-visitor-1'));
    await main({ action: 'remind', id: 'rooftop-paris-2027' }, as('o-visitor-2'));
    const reminders = await stack.state.listReminders('rooftop-paris-2027');
    expect(reminders.map((reminder) => [reminder.openid, reminder.state])).toEqual([
      ['o-visitor-1', 'pending'],
      ['o-visitor-2', 'pending'],
    ]);
  });

  it('refuses a reminder with no identity, for an unknown live, an unpublished one, or one that has started or ended', async () => {
    expect(await refused({ action: 'remind', id: 'rooftop-paris-2027' })).toMatchObject({
      code: 'PERMISSION_DENIED',
      message: expect.stringContaining('openid'),
    });
    expect(await refused({ action: 'remind', id: 'no-such-live' }, as('o-1'))).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('no-such-live'),
    });
    expect(await refused({ action: 'remind', id: 'secret-live-2030' }, as('o-1'))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      await refused({ action: 'remind', id: 'first-livestream-2020' }, as('o-1')),
    ).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('已经结束') });
    clock = Date.parse('2027-03-20T20:10:00+08:00');
    expect(await refused({ action: 'remind', id: 'rooftop-paris-2027' }, as('o-1'))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('正在进行'),
    });
    expect(await stack.state.listReminders('rooftop-paris-2027')).toEqual([]);
  });

  it.each([
    [{ action: 'remind' }, 'id'],
    [{ action: 'remind', id: 7 }, 'id'],
    [{ action: 'remind', id: 'Not A Slug' }, 'id'],
    [{ action: 'subscribe' }, 'action'],
    [[], ''],
  ])('refuses %j with INVALID_ARGUMENT naming %s', async (event, field) => {
    const error = await refused(event, as('o-1'));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain(field);
  });
});
