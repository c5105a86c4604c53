import { loadCatalogue } from '../../backend/content/load';
import { liveWindow, type LiveDoc } from '../../backend/domain/catalogue';
import {
  createRemindersMain,
  DEFAULT_REMINDER_FIELDS,
  fitText,
  planReminders,
  REMINDER_GRACE_MINUTES,
  REMINDER_LEAD_MINUTES,
  reminderMessage,
  reminderTemplateFromEnv,
  sendReminders,
  shanghaiDateTime,
  type ReminderTemplate,
  type SendAnswer,
  type SubscribeMessage,
} from '../../backend/domain/reminders';
import { CloudBaseCatalogue } from '../../backend/repository/cloudbase';
import {
  CloudBaseLiveState,
  reminderId,
  type LiveStateRepository,
  type ReminderRecord,
} from '../../backend/repository/live-state';
import { NedbCatalogue, seedLocalStore } from '../../backend/repository/nedb';
import { NedbLiveState } from '../../backend/repository/nedb-live-state';
import type { CatalogueRepository } from '../../backend/repository/types';
import { CONTENT_DIR } from './fixture';
import { fakeCloudDb } from './fake-cloud-db';
import { tempDir } from '../support/temp';

const MINUTE = 60_000;
const ROOFTOP = 'rooftop-paris-2027';
const KANDINSKY = 'kandinsky-colour-lesson-2027';
const ENDED = 'first-livestream-2020';
/** Unpublished, starting with the rooftop live: if it leaked, its reminders would go out too. */
const SECRET = 'secret-rehearsal-2027';

const TEMPLATE: ReminderTemplate = {
  id: 'tmpl-live-start',
  fields: { ...DEFAULT_REMINDER_FIELDS },
  miniprogramState: 'formal',
};

let lives: LiveDoc[];
let storeDir: string;

beforeAll(async () => {
  const catalogue = await loadCatalogue(CONTENT_DIR);
  const published = catalogue.lives ?? [];
  const rooftop = published.find((live) => live.id === ROOFTOP);
  if (!rooftop) throw new Error(`content/lives has no ${ROOFTOP}`);
  const secret = { ...rooftop, _id: SECRET, id: SECRET, title: '未公开的彩排', published: false };
  lives = [...published, secret];
  storeDir = await tempDir('reminders-store-');
  await seedLocalStore(storeDir, { ...catalogue, lives }, 'reminders-test');
}, 30_000);

const startOf = (id: string) => {
  const live = lives.find((doc) => doc.id === id);
  if (!live) throw new Error(`no live ${id}`);
  return liveWindow(live).start;
};
const clock = (ms: number) => () => ms;

/**
 * The two stores behind LiveStateRepository, each with the catalogue it runs beside: NeDB files
 * in a temp folder (the local host), and CloudBase collections over the stand-in of
 * wx-server-sdk's database (the cloud function), both holding the unpublished live too.
 */
const STORES: Array<
  [string, () => Promise<{ catalogue: CatalogueRepository; state: LiveStateRepository }>]
> = [
  [
    'NedbLiveState',
    async () => ({
      catalogue: await NedbCatalogue.open(storeDir),
      state: new NedbLiveState(await tempDir('reminders-state-')),
    }),
  ],
  [
    'CloudBaseLiveState',
    async () => {
      const db = fakeCloudDb({
        lives: JSON.parse(JSON.stringify(lives)) as Array<Record<string, unknown>>,
      });
      const stateDb = db;
      return { catalogue: new CloudBaseCatalogue(db), state: new CloudBaseLiveState(stateDb) };
    },
  ],
];

/**
 * Stands in for subscribeMessage.send (the cloud call on CloudBase, the HTTP API locally): records
 * every message it is handed and answers errcode 0, or what `answers` says for that visitor (an
 * Error is thrown, as a failed network call is). It yields once first, so that runs racing each
 * other interleave as they would against a remote API.
 */
function fakeOpenApi() {
  const calls: SubscribeMessage[] = [];
  const answers = new Map<string, SendAnswer | Error>();
  const send = async (message: SubscribeMessage): Promise<SendAnswer> => {
    await new Promise((resolve) => setImmediate(resolve));
    calls.push(message);
    const answer = answers.get(message.touser);
    if (answer instanceof Error) throw answer;
    return answer ?? { errcode: 0 };
  };
  return { calls, answers, send, to: () => calls.map((message) => message.touser).sort() };
}

async function remind(state: LiveStateRepository, liveId: string, openid: string) {
  await state.addReminder({
    _id: reminderId(liveId, openid),
    liveId,
    openid,
    createdAt: '2027-01-01T00:00:00.000Z',
    state: 'pending',
  });
}

const stateOf = async (state: LiveStateRepository, liveId: string) =>
  Object.fromEntries(
    (await state.listReminders(liveId)).map((record: ReminderRecord) => [
      record.openid,
      record.state,
    ]),
  );

describe.each(STORES)('reminders over %s', (_name, open) => {
  let catalogue: CatalogueRepository;
  let state: LiveStateRepository;
  let api: ReturnType<typeof fakeOpenApi>;

  beforeEach(async () => {
    ({ catalogue, state } = await open());
    api = fakeOpenApi();
    for (const openid of ['oVisitorA', 'oVisitorB']) await remind(state, ROOFTOP, openid);
    await remind(state, KANDINSKY, 'oVisitorC');
    await remind(state, ENDED, 'oVisitorD');
    await remind(state, SECRET, 'oVisitorE');
  });

  const run = (now: number) =>
    sendReminders({ catalogue, state, template: TEMPLATE, send: api.send, now: clock(now) });

  it('sends nothing before the window opens', async () => {
    for (const minutes of [60, 24 * 60, REMINDER_LEAD_MINUTES + 1]) {
      const report = await run(startOf(ROOFTOP) - minutes * MINUTE);
      expect(report).toMatchObject({ considered: 0, sent: 0, failed: 0, skipped: 0 });
    }
    expect(api.calls).toEqual([]);
    expect(await stateOf(state, ROOFTOP)).toEqual({ oVisitorA: 'pending', oVisitorB: 'pending' });
  });

  it('inside the window sends each reminder once, with the template, page and data', async () => {
    const report = await run(startOf(ROOFTOP) - 10 * MINUTE);
    expect(report).toMatchObject({ considered: 2, sent: 2, failed: 0, skipped: 0, deferred: 0 });
    expect(report.halted).toBeUndefined();
    const expected = (touser: string): SubscribeMessage => ({
      touser,
      templateId: 'tmpl-live-start',
      page: 'pages/replays/index?live=rooftop-paris-2027',
      data: {
        thing1: { value: '夜色里的屋顶：巴黎天际线直播' },
        time2: { value: '2027年03月20日 20:00' },
        thing3: { value: '讲解员与建筑部策展人（示例）' },
      },
      miniprogramState: 'formal',
      lang: 'zh_CN',
    });
    expect([...api.calls].sort((a, b) => (a.touser < b.touser ? -1 : 1))).toEqual([
      expected('oVisitorA'),
      expected('oVisitorB'),
    ]);
    const records = await state.listReminders(ROOFTOP);
    for (const record of records) {
      expect(record).toMatchObject({ state: 'sent', claimedAt: expect.any(String) });
      expect(Date.parse(record.sentAt ?? '')).toBe(startOf(ROOFTOP) - 10 * MINUTE);
    }
  });

  it('opens the window exactly the lead before the start', async () => {
    await run(startOf(ROOFTOP) - REMINDER_LEAD_MINUTES * MINUTE - 1);
    expect(api.calls).toEqual([]);
    await run(startOf(ROOFTOP) - REMINDER_LEAD_MINUTES * MINUTE);
    expect(api.to()).toEqual(['oVisitorA', 'oVisitorB']);
  });

  it('a second run, a retry, sends nothing more', async () => {
    await run(startOf(ROOFTOP) - 15 * MINUTE);
    const again = await run(startOf(ROOFTOP) - 10 * MINUTE);
    const last = await run(startOf(ROOFTOP) - 5 * MINUTE);
    expect(api.to()).toEqual(['oVisitorA', 'oVisitorB']);
    for (const report of [again, last]) {
      expect(report).toMatchObject({ considered: 2, sent: 0, failed: 0, skipped: 2 });
    }
  });

  it('two runs racing each other send each reminder once', async () => {
    for (const openid of ['oVisitorF', 'oVisitorG', 'oVisitorH']) {
      await remind(state, ROOFTOP, openid);
    }
    const now = startOf(ROOFTOP) - 10 * MINUTE;
    const [first, second] = await Promise.all([run(now), run(now)]);
    expect(api.to()).toEqual(['oVisitorA', 'oVisitorB', 'oVisitorF', 'oVisitorG', 'oVisitorH']);
    expect((first?.sent ?? 0) + (second?.sent ?? 0)).toBe(5);
    expect((first?.skipped ?? 0) + (second?.skipped ?? 0)).toBe(5);
    expect(Object.values(await stateOf(state, ROOFTOP))).toEqual(Array(5).fill('sent'));
  });

  it('records 43101 (refused) as failed and never sends it again; the others still go', async () => {
    api.answers.set('oVisitorB', {
      errcode: 43101,
      errmsg: 'user refuse to accept the msg rid: stand-in',
    });
    const report = await run(startOf(ROOFTOP) - 10 * MINUTE);
    expect(report).toMatchObject({ sent: 1, failed: 1, skipped: 0, deferred: 0 });
    expect(report.halted).toBeUndefined();
    const refused = (await state.listReminders(ROOFTOP)).find((r) => r.openid === 'oVisitorB');
    expect(refused).toMatchObject({ state: 'failed', error: expect.stringMatching(/43101/) });
    expect(refused?.error).toContain('user refuse to accept the msg');

    api.answers.clear();
    await run(startOf(ROOFTOP) - 5 * MINUTE);
    expect(api.to()).toEqual(['oVisitorA', 'oVisitorB']);
  });

  it('records another errcode, or a failed call, as failed with what was said', async () => {
    api.answers.set('oVisitorA', { errcode: 40003, errmsg: 'invalid openid' });
    api.answers.set('oVisitorB', new Error('socket hang up'));
    const report = await run(startOf(ROOFTOP) - 10 * MINUTE);
    expect(report).toMatchObject({ sent: 0, failed: 2 });
    const errors = Object.fromEntries(
      (await state.listReminders(ROOFTOP)).map((record) => [record.openid, record.error]),
    );
    expect(errors).toEqual({
      oVisitorA: 'errcode 40003: invalid openid',
      oVisitorB: 'not sent: socket hang up',
    });
  });

  it('stops claiming after an error of the setup, leaving the rest pending for a fixed one', async () => {
    const visitors = Array.from({ length: 20 }, (_, index) => `oCrowd${index}`);
    for (const openid of visitors) await remind(state, ROOFTOP, openid);
    for (const openid of ['oVisitorA', 'oVisitorB', ...visitors]) {
      api.answers.set(openid, { errcode: 47003, errmsg: 'argument invalid! data.thing1.value' });
    }
    const broken = await run(startOf(ROOFTOP) - 15 * MINUTE);
    expect(broken.halted).toMatch(/47003/);
    expect(broken.failed + broken.deferred).toBe(22);
    expect(broken.deferred).toBeGreaterThan(0);
    expect(api.calls).toHaveLength(broken.failed);

    api.answers.clear();
    const fixed = await run(startOf(ROOFTOP) - 10 * MINUTE);
    expect(fixed).toMatchObject({ sent: broken.deferred, skipped: broken.failed, failed: 0 });
    expect(api.calls).toHaveLength(22);
  });

  it('never reminds of a live that has started, has ended or is unpublished', async () => {
    // The timer's ticks, every five minutes, around both 2027 lives (the 2020 one ended long ago).
    const ticks = (from: number, to: number) =>
      Array.from(
        { length: (to - from) / (5 * MINUTE) + 1 },
        (_, index) => from + index * 5 * MINUTE,
      );
    const rooftop = startOf(ROOFTOP);
    const kandinsky = startOf(KANDINSKY);
    for (const now of [
      ...ticks(rooftop - 60 * MINUTE, rooftop + 90 * MINUTE),
      ...ticks(kandinsky - 30 * MINUTE, kandinsky + 120 * MINUTE),
    ]) {
      await run(now);
    }
    expect(api.to()).toEqual(['oVisitorA', 'oVisitorB', 'oVisitorC']);
    expect(await stateOf(state, ENDED)).toEqual({ oVisitorD: 'pending' });
    expect(await stateOf(state, SECRET)).toEqual({ oVisitorE: 'pending' });

    // A live that starts, with a reminder asked too late for the window: not sent once it is on.
    await remind(state, KANDINSKY, 'oLateComer');
    for (const now of [kandinsky, kandinsky + MINUTE, kandinsky + 89 * MINUTE]) await run(now);
    expect(api.to()).not.toContain('oLateComer');
  });

  it('a claimed reminder is never sent again, even when its run died before sending', async () => {
    await state.claimReminder(reminderId(ROOFTOP, 'oVisitorA'), new Date().toISOString());
    const report = await run(startOf(ROOFTOP) - 10 * MINUTE);
    expect(report).toMatchObject({ considered: 2, sent: 1, skipped: 1 });
    expect(api.to()).toEqual(['oVisitorB']);
    expect(await stateOf(state, ROOFTOP)).toEqual({ oVisitorA: 'sending', oVisitorB: 'sent' });
  });

  it('sends a claim made before the start within the grace, and fails it after', async () => {
    const start = startOf(ROOFTOP);
    // The clock the run reads: first when it picks the due lives, then at each claim and send.
    const slowRun = (later: number) => {
      let reads = 0;
      const now = () => (reads++ === 0 ? start - MINUTE : later);
      return sendReminders({ catalogue, state, template: TEMPLATE, send: api.send, now });
    };
    const inGrace = await slowRun(start + (REMINDER_GRACE_MINUTES * MINUTE) / 2);
    expect(inGrace).toMatchObject({ sent: 2, failed: 0 });

    await state.addReminder({
      _id: reminderId(ROOFTOP, 'oVisitorLate'),
      liveId: ROOFTOP,
      openid: 'oVisitorLate',
      createdAt: '2027-01-02T00:00:00.000Z',
      state: 'pending',
    });
    const tooLate = await slowRun(start + REMINDER_GRACE_MINUTES * MINUTE);
    expect(tooLate).toMatchObject({ sent: 0, failed: 1, skipped: 2 });
    expect(api.to()).toEqual(['oVisitorA', 'oVisitorB']);
    const late = (await state.listReminders(ROOFTOP)).find((r) => r.openid === 'oVisitorLate');
    expect(late).toMatchObject({ state: 'failed', error: expect.stringMatching(/too late/) });
  });

  it('a dry run (the plan) lists what would go out and claims nothing', async () => {
    const plan = await planReminders({
      catalogue,
      state,
      template: TEMPLATE,
      now: clock(startOf(ROOFTOP) - 10 * MINUTE),
    });
    expect(plan.due.map(({ live }) => live.id)).toEqual([ROOFTOP]);
    expect(plan.planned.map((item) => item.message.touser).sort()).toEqual([
      'oVisitorA',
      'oVisitorB',
    ]);
    expect(plan).toMatchObject({ considered: 2, skipped: 0 });
    expect(api.calls).toEqual([]);
    expect(await stateOf(state, ROOFTOP)).toEqual({ oVisitorA: 'pending', oVisitorB: 'pending' });
  });

  it('the cloud function: counts only for the timer, refused to a mini program caller', async () => {
    const logged: unknown[] = [];
    const main = (caller: string | undefined, env: Record<string, string> = {}) =>
      createRemindersMain({
        catalogue,
        state,
        send: api.send,
        template: () => reminderTemplateFromEnv({ REMINDER_TEMPLATE_ID: 'tmpl-env', ...env }),
        caller: () => caller,
        now: clock(startOf(ROOFTOP) - 10 * MINUTE),
        logError: (error) => logged.push(error),
      });
    const refused = await main('oVisitorA')({ action: 'send' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(api.calls).toEqual([]);

    const misconfigured = await main(undefined, { REMINDER_TEMPLATE_FIELDS: '{"title":"time1"}' })({
      Type: 'Timer',
      TriggerName: 'every-5-minutes',
    });
    expect(misconfigured).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(String(logged[0])).toMatch(/REMINDER_TEMPLATE_FIELDS/);
    expect(await stateOf(state, ROOFTOP)).toEqual({ oVisitorA: 'pending', oVisitorB: 'pending' });

    const timer = await main(undefined)({ Type: 'Timer', TriggerName: 'every-5-minutes' });
    expect(timer).toEqual({
      ok: true,
      data: {
        at: new Date(startOf(ROOFTOP) - 10 * MINUTE).toISOString(),
        considered: 2,
        sent: 2,
        failed: 0,
        skipped: 0,
        deferred: 0,
      },
    });
    expect(api.calls.map((message) => message.templateId)).toEqual(['tmpl-env', 'tmpl-env']);
  });
});

describe('the message', () => {
  const live = (overrides: Partial<LiveDoc>): LiveDoc => {
    const [template] = lives;
    if (!template) throw new Error('content/lives is empty');
    return { ...template, ...overrides };
  };

  it('keeps thing values within 20 characters, cutting with an ellipsis', () => {
    expect(fitText('一二三四五六七八九十一二三四五六七八九十', 20)).toBe(
      '一二三四五六七八九十一二三四五六七八九十',
    );
    expect(fitText('一二三四五六七八九十一二三四五六七八九十一', 20)).toBe(
      '一二三四五六七八九十一二三四五六七八九…',
    );
    const message = reminderMessage(
      live({
        id: 'long',
        title: '一场标题非常非常非常非常非常长的直播导览：从屋顶到展厅',
        host: '一位说普通话的讲解员与蓬皮杜中心现代馆藏首席策展人',
        startsAt: '2027-12-31T23:30:00+08:00',
      }),
      'oVisitorA',
      TEMPLATE,
    );
    expect(message.data).toEqual({
      thing1: { value: '一场标题非常非常非常非常非常长的直播导…' },
      time2: { value: '2027年12月31日 23:30' },
      thing3: { value: '一位说普通话的讲解员与蓬皮杜中心现代馆…' },
    });
    for (const { value } of Object.values(message.data)) {
      expect(Array.from(value).length).toBeLessThanOrEqual(20);
    }
  });

  it('writes the start in Asia/Shanghai, whatever offset the content used', () => {
    expect(shanghaiDateTime(Date.parse('2027-03-20T12:00:00Z'))).toBe('2027年03月20日 20:00');
    expect(shanghaiDateTime(Date.parse('2027-03-20T21:05:00+01:00'))).toBe('2027年03月21日 04:05');
  });

  it('follows a remapped template: other keys, a name limit, no host', () => {
    const template = reminderTemplateFromEnv({
      REMINDER_TEMPLATE_ID: 'tmpl-2',
      REMINDER_TEMPLATE_FIELDS: '{"title":"thing5","startsAt":"date1","host":"name2"}',
      REMINDER_MINIPROGRAM_STATE: 'trial',
    });
    const message = reminderMessage(live({ host: '一位说普通话的讲解员与策展人' }), 'oX', template);
    expect(Object.keys(message.data).sort()).toEqual(['date1', 'name2', 'thing5']);
    expect(message.data.name2).toEqual({ value: '一位说普通话的讲解…' });
    expect(message).toMatchObject({ templateId: 'tmpl-2', miniprogramState: 'trial' });

    const twoKeys = reminderTemplateFromEnv({
      REMINDER_TEMPLATE_ID: 'tmpl-3',
      REMINDER_TEMPLATE_FIELDS: '{"title":"thing1","startsAt":"time3"}',
    });
    expect(Object.keys(reminderMessage(live({}), 'oX', twoKeys).data)).toEqual(['thing1', 'time3']);
  });

  it('refuses a template setting it cannot honour, naming the variable', () => {
    const id = { REMINDER_TEMPLATE_ID: 'tmpl' };
    expect(reminderTemplateFromEnv(id)).toEqual({
      id: 'tmpl',
      fields: { title: 'thing1', startsAt: 'time2', host: 'thing3' },
      miniprogramState: 'formal',
    });
    expect(() => reminderTemplateFromEnv({})).toThrow(/REMINDER_TEMPLATE_ID/);
    expect(reminderTemplateFromEnv({}, { requireId: false }).id).toBe('');
    const fields = (raw: string) => () =>
      reminderTemplateFromEnv({ ...id, REMINDER_TEMPLATE_FIELDS: raw });
    expect(fields('thing1')).toThrow(/REMINDER_TEMPLATE_FIELDS is not JSON/);
    expect(fields('["thing1"]')).toThrow(/not a JSON object/);
    expect(fields('{"title":"thing1"}')).toThrow(/both title and startsAt/);
    expect(fields('{"title":"time1","startsAt":"time2"}')).toThrow(/title to "time1"/);
    expect(fields('{"title":"thing1","startsAt":"thing2"}')).toThrow(/startsAt/);
    expect(fields('{"title":"thing1","startsAt":"time2","place":"thing4"}')).toThrow(/"place"/);
    expect(fields('{"title":"thing1","startsAt":"time2","host":"thing1"}')).toThrow(/two fields/);
    expect(() => reminderTemplateFromEnv({ ...id, REMINDER_MINIPROGRAM_STATE: 'beta' })).toThrow(
      /REMINDER_MINIPROGRAM_STATE/,
    );
  });
});
