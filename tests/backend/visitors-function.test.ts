// The visitors function on both stores of visitors' records: a NeDB file of its own, and the
// CloudBase `visitors` collection (doc(openid).get / set) in the database stand-in.
import { promises as fs } from 'fs';
import path from 'path';
import { createVisitorsMain, MAX_FAVORITES } from '../../backend/functions/visitors';
import { CloudBaseVisitors } from '../../backend/repository/cloudbase';
import { NedbVisitors } from '../../backend/repository/nedb';
import type {
  CatalogueRepository,
  VisitorRecord,
  VisitorRepository,
} from '../../backend/repository/types';
import type { Envelope, ErrorBody, Favorites } from '../../miniprogram/types/api';
import { tempDir } from '../support/temp';
import { openSeededCloudBase, openSeededStore } from './fixture';

interface Stores {
  repository: CatalogueRepository;
  visitors: VisitorRepository;
  /** The same records through a newly made repository: what a restart would read. */
  reopen(): VisitorRepository;
}

const STORES: Array<[string, () => Promise<Stores>]> = [
  [
    'a NeDB file',
    async () => {
      const { repository } = await openSeededStore();
      const file = path.join(await tempDir('pompidou-visitors-'), 'visitors', 'visitors.db');
      return { repository, visitors: new NedbVisitors(file), reopen: () => new NedbVisitors(file) };
    },
  ],
  [
    'CloudBase (wx-server-sdk database)',
    async () => {
      const { repository, db } = await openSeededCloudBase();
      return {
        repository,
        visitors: new CloudBaseVisitors(db),
        reopen: () => new CloudBaseVisitors(db),
      };
    },
  ],
];

const GUITARIST = 'picasso-guitariste-1910';
const RUSSIA = 'chagall-a-la-russie-1911';
const DRAFT = 'picasso-secret-draft';

/** As CloudBase's getWXContext() would report the caller. */
const as = (openid: string) => ({ OPENID: openid });

describe.each(STORES)('visitors on %s', (_name, open) => {
  let stores: Stores;
  let main: ReturnType<typeof createVisitorsMain>;
  let clock: number;
  let works: string[];

  beforeAll(async () => {
    stores = await open();
    works = (await stores.repository.listArtworks({ limit: 50 })).docs.map((doc) => doc.id);
    expect(works).toEqual(expect.arrayContaining([GUITARIST, RUSSIA]));
    expect(works.length).toBeGreaterThanOrEqual(5);
  });

  beforeEach(() => {
    clock = Date.parse('2026-11-25T04:00:00Z');
    main = createVisitorsMain({
      repository: stores.repository,
      visitors: stores.visitors,
      identify: (context) => (context as { OPENID?: string } | undefined)?.OPENID,
      now: () => (clock += 1000),
    });
  });

  /** A fresh user per test, so tests share no records. */
  let users = 0;
  const newUser = () => `user_${++users}-${Date.now().toString(36)}`;

  async function data(event: unknown, context: unknown): Promise<Favorites> {
    const envelope = (await main(event, context)) as Envelope<Favorites>;
    if (!envelope.ok) throw new Error(`expected ok, got ${JSON.stringify(envelope.error)}`);
    return envelope.data;
  }

  async function failure(event: unknown, context: unknown): Promise<ErrorBody> {
    const envelope = await main(event, context);
    if (envelope.ok) throw new Error(`expected an error, got ${JSON.stringify(envelope.data)}`);
    expect(envelope.error.message).toMatch(/[\u4e00-\u9fff]/);
    return envelope.error;
  }

  const favorites = (openid: string) => data({ action: 'favorites' }, as(openid));
  const favorite = (openid: string, artworkId: string, on = true) =>
    data({ action: 'favorite', artworkId, on }, as(openid));

  it('refuses a caller without a well-formed identity, whatever the event says', async () => {
    for (const context of [
      undefined,
      {},
      as(''),
      as('has space'),
      as('x'.repeat(65)),
      { OPENID: 42 },
    ]) {
      expect(await failure({ action: 'favorites' }, context)).toMatchObject({
        code: 'PERMISSION_DENIED',
        message: expect.stringContaining('openid'),
      });
      expect(
        await failure({ action: 'favorite', artworkId: GUITARIST, on: true }, context),
      ).toMatchObject({ code: 'PERMISSION_DENIED' });
    }
    // An openid in the event is never read: not to refuse, not to choose the record.
    const victim = newUser();
    await favorite(victim, RUSSIA);
    expect(await failure({ action: 'favorites', openid: victim }, undefined)).toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    const caller = newUser();
    expect(
      await data(
        { action: 'favorite', artworkId: GUITARIST, on: true, openid: victim },
        as(caller),
      ),
    ).toEqual({ items: [GUITARIST] });
    expect(await favorites(victim)).toEqual({ items: [RUSSIA] });
  });

  it('starts empty, adds newest first, removes, and keeps the record across a restart', async () => {
    const user = newUser();
    expect(await favorites(user)).toEqual({ items: [] });
    expect(await favorite(user, works[0]!)).toEqual({ items: [works[0]] });
    expect(await favorite(user, works[1]!)).toEqual({ items: [works[1], works[0]] });
    expect(await favorite(user, works[2]!)).toEqual({ items: [works[2], works[1], works[0]] });
    expect(await favorite(user, works[1]!, false)).toEqual({ items: [works[2], works[0]] });
    expect(await favorites(user)).toEqual({ items: [works[2], works[0]] });

    const record = await stores.reopen().findVisitor(user);
    expect(record).toEqual({
      _id: user,
      favorites: [
        { artworkId: works[2], at: '2026-11-25T04:00:03.000Z' },
        { artworkId: works[0], at: '2026-11-25T04:00:01.000Z' },
      ],
      updatedAt: '2026-11-25T04:00:04.000Z',
    });
  });

  it('answers NOT_FOUND for an unknown or unpublished work, and changes nothing', async () => {
    const user = newUser();
    await favorite(user, GUITARIST);
    for (const artworkId of ['no-such-work', DRAFT]) {
      expect(await failure({ action: 'favorite', artworkId, on: true }, as(user))).toEqual({
        code: 'NOT_FOUND',
        message: `没有找到 id 为 ${artworkId} 的作品，无法收藏。`,
      });
    }
    expect(await favorites(user)).toEqual({ items: [GUITARIST] });
  });

  it('is idempotent: a second favourite keeps its place, removing an absent one is fine', async () => {
    const user = newUser();
    await favorite(user, GUITARIST);
    await favorite(user, RUSSIA);
    const before = await stores.visitors.findVisitor(user);
    expect(await favorite(user, GUITARIST)).toEqual({ items: [RUSSIA, GUITARIST] });
    expect(await stores.visitors.findVisitor(user)).toEqual(before);
    for (const artworkId of [works[3]!, 'no-such-work', DRAFT]) {
      expect(await favorite(user, artworkId, false)).toEqual({ items: [RUSSIA, GUITARIST] });
    }
    expect(await stores.visitors.findVisitor(user)).toEqual(before);
    // Removing for someone who never kept anything writes no record.
    const stranger = newUser();
    expect(await favorite(stranger, GUITARIST, false)).toEqual({ items: [] });
    expect(await stores.visitors.findVisitor(stranger)).toBeNull();
  });

  it('keeps each user to their own favourites', async () => {
    const alice = newUser();
    const bob = newUser();
    await favorite(alice, GUITARIST);
    await favorite(bob, RUSSIA);
    await favorite(bob, GUITARIST);
    await favorite(bob, GUITARIST, false);
    expect(await favorites(alice)).toEqual({ items: [GUITARIST] });
    expect(await favorites(bob)).toEqual({ items: [RUSSIA] });
  });

  it('loses none of several taps that arrive together', async () => {
    const user = newUser();
    const chosen = works.slice(0, 5);
    await Promise.all(chosen.map((id) => favorite(user, id)));
    expect([...(await favorites(user)).items].sort()).toEqual([...chosen].sort());
  });

  it(`keeps at most ${MAX_FAVORITES} favourites, and hides works unpublished since`, async () => {
    const user = newUser();
    const gone: VisitorRecord = {
      _id: user,
      favorites: Array.from({ length: MAX_FAVORITES - 1 }, (_, index) => ({
        artworkId: `withdrawn-work-${index}`,
        at: '2026-01-01T00:00:00.000Z',
      })),
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    await stores.visitors.saveVisitor(gone);
    expect(await favorites(user)).toEqual({ items: [] });
    expect(await favorite(user, GUITARIST)).toEqual({ items: [GUITARIST] });

    expect(await failure({ action: 'favorite', artworkId: RUSSIA, on: true }, as(user))).toEqual({
      code: 'INVALID_ARGUMENT',
      message: `参数 artworkId 无法收藏：最多收藏 ${MAX_FAVORITES} 件作品，请先取消一些收藏。`,
    });
    // At the cap, a favourite already kept is still accepted, and removing one makes room.
    expect(await favorite(user, GUITARIST)).toEqual({ items: [GUITARIST] });
    expect(await favorite(user, GUITARIST, false)).toEqual({ items: [] });
    expect(await favorite(user, RUSSIA)).toEqual({ items: [RUSSIA] });
    expect((await stores.visitors.findVisitor(user))?.favorites).toHaveLength(MAX_FAVORITES);
  });

  it.each([
    [{ action: 'favorite', on: true }, 'artworkId'],
    [{ action: 'favorite', artworkId: 42, on: true }, 'artworkId'],
    [{ action: 'favorite', artworkId: 'Not A Slug', on: true }, 'artworkId'],
    [{ action: 'favorite', artworkId: 'x'.repeat(101), on: true }, 'artworkId'],
    [{ action: 'favorite', artworkId: GUITARIST }, 'on'],
    [{ action: 'favorite', artworkId: GUITARIST, on: 'yes' }, 'on'],
    [{ action: 'favorite', artworkId: { $ne: null }, on: true }, 'artworkId'],
    [{ action: 'unfavorite', artworkId: GUITARIST }, 'action'],
    [{}, 'action'],
  ])('answers INVALID_ARGUMENT naming the field for %j', async (event, field) => {
    const user = newUser();
    const error = await failure(event, as(user));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain(field);
    expect(await stores.visitors.findVisitor(user)).toBeNull();
  });

  it('answers a bad event that is not an object with INVALID_ARGUMENT', async () => {
    for (const event of [null, 'favorites', [], 42]) {
      expect((await failure(event, as(newUser()))).code).toBe('INVALID_ARGUMENT');
    }
  });
});

describe('where visitors are kept', () => {
  it('in a NeDB file made on first use, each write one whole line', async () => {
    const { repository } = await openSeededStore();
    const dir = await tempDir('pompidou-visitors-file-');
    const file = path.join(dir, 'nested', 'visitors.db');
    const main = createVisitorsMain({
      repository,
      visitors: new NedbVisitors(file),
      identify: () => 'only_user',
    });
    await expect(fs.access(path.dirname(file))).rejects.toThrow();
    await main({ action: 'favorite', artworkId: GUITARIST, on: true });
    await main({ action: 'favorite', artworkId: RUSSIA, on: true });
    // NeDB appends each write as one whole line; loading compacts to the last one.
    const lines = (await fs.readFile(file, 'utf8')).split('\n').filter(Boolean);
    expect(lines.map((line) => (JSON.parse(line) as { _id: string })._id)).toEqual([
      'only_user',
      'only_user',
    ]);
    expect(await new NedbVisitors(file).findVisitor('only_user')).toMatchObject({
      favorites: [{ artworkId: RUSSIA }, { artworkId: GUITARIST }],
    });
  });

  it('on CloudBase, in the visitors collection, one document per user under their OPENID', async () => {
    const { repository, db } = await openSeededCloudBase();
    const main = createVisitorsMain({
      repository,
      visitors: new CloudBaseVisitors(db),
      identify: () => 'oAbC_cloud-user',
    });
    await main({ action: 'favorite', artworkId: GUITARIST, on: true });
    const stored = await db.collection('visitors').doc('oAbC_cloud-user').get();
    expect(stored).toEqual({
      data: {
        _id: 'oAbC_cloud-user',
        favorites: [{ artworkId: GUITARIST, at: expect.any(String) }],
        updatedAt: expect.any(String),
      },
    });
    expect(
      db.calls.filter((call) => call.collection === 'visitors').map((call) => call.kind),
    ).toEqual(['doc.get', 'doc.set', 'doc.get']);
  });
});
