import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import { seedFromContent } from '../../backend/host/local';
import { reminderId } from '../../backend/repository/live-state';
import { NedbLiveState } from '../../backend/repository/nedb-live-state';
import { remindersCommand, RemindersUsageError } from '../../scripts/reminders';
import { tempDir } from '../support/temp';

const CONTENT = path.resolve(__dirname, '../../content');
const ROOFTOP = 'rooftop-paris-2027';
const BEFORE = '2027-03-20T19:00:00+08:00';
const INSIDE = '2027-03-20T19:50:00+08:00';
const STARTED = '2027-03-20T20:10:00+08:00';
const TOKEN = 'stand-in-token-7';

let storeDir: string;

beforeAll(async () => {
  storeDir = await tempDir('reminders-script-store-');
  await seedFromContent(CONTENT, storeDir);
}, 30_000);

/** A live state holding two reminders of the rooftop live: one pending, one sent already. */
async function stateWithReminders(): Promise<string> {
  const dir = await tempDir('reminders-script-state-');
  const state = new NedbLiveState(dir);
  for (const [openid, done] of [
    ['oVisitorA', false],
    ['oVisitorB', true],
  ] as const) {
    await state.addReminder({
      _id: reminderId(ROOFTOP, openid),
      liveId: ROOFTOP,
      openid,
      createdAt: '2027-01-01T00:00:00.000Z',
      state: 'pending',
    });
    if (done) {
      await state.claimReminder(reminderId(ROOFTOP, openid), '2027-03-20T11:45:00.000Z');
      await state.finishReminder(reminderId(ROOFTOP, openid), {
        state: 'sent',
        at: '2027-03-20T11:45:01.000Z',
      });
    }
  }
  return dir;
}

/** What the file holds now, read by a fresh instance (another one wrote it). */
const statesIn = async (dir: string) =>
  Object.fromEntries(
    (await new NedbLiveState(dir).listReminders(ROOFTOP)).map((r) => [r.openid, r.state]),
  );

async function command(argv: string[], env: Record<string, string>, stateDir: string) {
  const lines: string[] = [];
  const result = await remindersCommand(argv, env, {
    storeDir,
    stateDir,
    print: (line) => lines.push(line),
  });
  return { lines, result };
}

describe('npm run reminders -- --dry-run', () => {
  const env = { REMINDER_TEMPLATE_ID: 'tmpl-live-start' };

  it('before the window: nothing due, and says when the next reminders go out', async () => {
    const stateDir = await stateWithReminders();
    const { lines, result } = await command(['--dry-run', '--now', BEFORE], env, stateDir);
    expect(result.plan.planned).toEqual([]);
    expect(lines).toContain('No live starts within the next 15 minutes.');
    expect(lines.join('\n')).toContain(
      'Next: rooftop-paris-2027 「夜色里的屋顶：巴黎天际线直播」 starts 2027年03月20日 20:00 (in 1 h); its 1 pending reminder(s) go out from 2027年03月20日 19:45.',
    );
    expect(lines.at(-1)).toBe(
      'Dry run: 0 considered, 0 would be sent, 0 skipped (already claimed or finished). Nothing was claimed or sent.',
    );
  });

  it('inside the window: prints each visitor and the message they would get, sends nothing', async () => {
    const stateDir = await stateWithReminders();
    const { lines } = await command(['--dry-run', '--now', INSIDE], env, stateDir);
    expect(lines).toEqual(
      expect.arrayContaining([
        'rooftop-paris-2027 「夜色里的屋顶：巴黎天际线直播」 starts 2027年03月20日 20:00 (in 10 min): 2 reminder(s).',
        '  remind oVisitorA: thing1="夜色里的屋顶：巴黎天际线直播", time2="2027年03月20日 20:00", thing3="讲解员与建筑部策展人（示例）" → pages/replays/index?live=rooftop-paris-2027',
        '  skip   oVisitorB: sent',
        'Template tmpl-live-start, title→thing1, startsAt→time2, host→thing3, miniprogram_state formal.',
        'Dry run: 2 considered, 1 would be sent, 1 skipped (already claimed or finished). Nothing was claimed or sent.',
      ]),
    );
    expect(await statesIn(stateDir)).toEqual({ oVisitorA: 'pending', oVisitorB: 'sent' });
  });

  it('after the start: the live is on, its pending reminder is not sent', async () => {
    const stateDir = await stateWithReminders();
    const { lines } = await command(['--dry-run', '--now', STARTED], {}, stateDir);
    expect(lines).toEqual(
      expect.arrayContaining([
        'No live starts within the next 15 minutes.',
        'Live now: rooftop-paris-2027 「夜色里的屋顶：巴黎天际线直播」 started 10 min ago; 1 pending reminder(s) will not be sent (reminders stop at the start).',
        'Template (REMINDER_TEMPLATE_ID not set), title→thing1, startsAt→time2, host→thing3, miniprogram_state formal.',
      ]),
    );
    expect(await statesIn(stateDir)).toEqual({ oVisitorA: 'pending', oVisitorB: 'sent' });
  });

  it('refuses a time without offset, an unknown flag, and sending without credentials', async () => {
    const stateDir = await stateWithReminders();
    await expect(
      command(['--dry-run', '--now', '2027-03-20T19:50'], env, stateDir),
    ).rejects.toThrow(/--now must be an ISO 8601 time with its offset/);
    await expect(command(['--dry-run', '--later'], env, stateDir)).rejects.toThrow(
      RemindersUsageError,
    );
    await expect(command(['--now', INSIDE], env, stateDir)).rejects.toThrow(/WX_APPID/);
    await expect(
      command(['--now', INSIDE], { WX_APPID: 'a', WX_APPSECRET: 'b' }, stateDir),
    ).rejects.toThrow(/REMINDER_TEMPLATE_ID/);
    expect(await statesIn(stateDir)).toEqual({ oVisitorA: 'pending', oVisitorB: 'sent' });
  });
});

/**
 * Fakes WeChat's HTTP API on loopback: cgi-bin/stable_token and cgi-bin/message/subscribe/send,
 * recording every call; the send answers errcode 0 unless `refuse` names the visitor (43101).
 */
async function startStandIn() {
  const calls: Array<{ path: string; token: string | null; body: Record<string, unknown> }> = [];
  const faults: { token?: object; refuse?: string } = {};
  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      calls.push({ path: url.pathname, token: url.searchParams.get('access_token'), body });
      response.writeHead(200, { 'content-type': 'application/json' });
      if (url.pathname === '/cgi-bin/stable_token') {
        response.end(JSON.stringify(faults.token ?? { access_token: TOKEN, expires_in: 7200 }));
      } else if (url.pathname === '/cgi-bin/message/subscribe/send') {
        const refused = body.touser === faults.refuse;
        response.end(
          JSON.stringify(
            refused
              ? { errcode: 43101, errmsg: 'user refuse to accept the msg' }
              : { errcode: 0, errmsg: 'ok' },
          ),
        );
      } else {
        response.end(JSON.stringify({ errcode: 404, errmsg: 'no such path' }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    faults,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('npm run reminders, sending through a stand-in of WeChat’s HTTP API', () => {
  let standIn: Awaited<ReturnType<typeof startStandIn>>;
  const env = () => ({
    WX_APPID: 'wx0123456789abcdef',
    WX_APPSECRET: 'stand-in-secret',
    WX_API_BASE: standIn.url,
    REMINDER_TEMPLATE_ID: 'tmpl-live-start',
    REMINDER_MINIPROGRAM_STATE: 'developer',
  });

  beforeEach(async () => {
    standIn = await startStandIn();
  });
  afterEach(() => standIn.close());

  it('one token, then one subscribe/send per pending reminder, and a retry sends none', async () => {
    const stateDir = await stateWithReminders();
    const { lines, result } = await command(['--now', INSIDE], env(), stateDir);
    expect(result.run).toMatchObject({ considered: 2, sent: 1, failed: 0, skipped: 1 });
    expect(standIn.calls).toEqual([
      {
        path: '/cgi-bin/stable_token',
        token: null,
        body: {
          grant_type: 'client_credential',
          appid: 'wx0123456789abcdef',
          secret: 'stand-in-secret',
        },
      },
      {
        path: '/cgi-bin/message/subscribe/send',
        token: TOKEN,
        body: {
          touser: 'oVisitorA',
          template_id: 'tmpl-live-start',
          page: 'pages/replays/index?live=rooftop-paris-2027',
          miniprogram_state: 'developer',
          lang: 'zh_CN',
          data: {
            thing1: { value: '夜色里的屋顶：巴黎天际线直播' },
            time2: { value: '2027年03月20日 20:00' },
            thing3: { value: '讲解员与建筑部策展人（示例）' },
          },
        },
      },
    ]);
    expect(lines.at(-1)).toBe(
      'Sent 1, failed 0, skipped 1 (already claimed or finished), deferred 0, of 2 considered.',
    );
    expect(await statesIn(stateDir)).toEqual({ oVisitorA: 'sent', oVisitorB: 'sent' });

    standIn.calls.length = 0;
    const retry = await command(['--now', INSIDE], env(), stateDir);
    expect(retry.result.run).toBeUndefined();
    expect(standIn.calls).toEqual([]);
  });

  it('43101 is recorded as failed, with what WeChat said', async () => {
    const stateDir = await stateWithReminders();
    standIn.faults.refuse = 'oVisitorA';
    const { lines } = await command(['--now', INSIDE], env(), stateDir);
    expect(lines).toContain(
      'failed   oVisitorA rooftop-paris-2027: refused (errcode 43101): the visitor declined or their one-off permission was used: user refuse to accept the msg',
    );
    expect(await statesIn(stateDir)).toEqual({ oVisitorA: 'failed', oVisitorB: 'sent' });
  });

  it('a refused token stops the run before any reminder is claimed', async () => {
    const stateDir = await stateWithReminders();
    standIn.faults.token = { errcode: 40125, errmsg: 'invalid appsecret' };
    const run = command(['--now', INSIDE], env(), stateDir);
    await expect(run).rejects.toThrow(/errcode 40125, errmsg "invalid appsecret"/);
    await expect(run).rejects.not.toThrow(/stand-in-secret/);
    expect(standIn.calls.map((call) => call.path)).toEqual(['/cgi-bin/stable_token']);
    expect(await statesIn(stateDir)).toEqual({ oVisitorA: 'pending', oVisitorB: 'sent' });
  });
});
