// The stats function over real HTTP, wired as `npm start` wires it: anonymous events in, the
// summary for the staff named in STAFF_OPENIDS (by the X-WX-OPENID header), and one client's
// flood answered 429 while the others go on.
import { promises as fs } from 'fs';
import path from 'path';
import type { FastifyInstance } from 'fastify';
import { STATS_RATE_LIMIT } from '../../backend/functions/stats';
import { buildHost } from '../../backend/host/app';
import { localHostOptions, localSettings, localSigner } from '../../backend/host/local';
import type { ListenedEvent } from '../../miniprogram/types/api';
import { openSeededStore } from '../backend/fixture';
import { tempDir } from '../support/temp';

const STAFF = 'dev_curator';
const ARLEQUIN = 'picasso-arlequin-1923';

let app: FastifyInstance;
let base: string;
let stateDir: string;
const savedStaff = process.env.STAFF_OPENIDS;

beforeAll(async () => {
  const { storeDir } = await openSeededStore();
  const settings = localSettings({ PORT: '0' });
  stateDir = await tempDir('pompidou-host-stats-');
  process.env.STAFF_OPENIDS = ` ${STAFF}, someone_else ,not valid!`;
  app = await buildHost(
    await localHostOptions(
      storeDir,
      settings.publicUrl,
      localSigner(settings, 'stats-test-secret-0123'),
      undefined,
      undefined,
      path.join(stateDir, 'visitors.db'),
    ),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});

afterAll(async () => {
  if (savedStaff === undefined) delete process.env.STAFF_OPENIDS;
  else process.env.STAFF_OPENIDS = savedStaff;
  await app.close();
});

async function stats(body: object, openid?: string) {
  const response = await fetch(`${base}/api/stats`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(openid === undefined ? {} : { 'x-wx-openid': openid }),
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as unknown,
  };
}

let made = 0;
/** An event of now: the host checks dates on the real clock, as phones make them. */
function listened(fields: Partial<ListenedEvent> = {}): ListenedEvent {
  made += 1;
  return {
    id: `host-ev-${made}`,
    artworkId: ARLEQUIN,
    seconds: 20,
    furthest: 21,
    finished: false,
    at: new Date().toISOString(),
    ...fields,
  };
}

const today = () => new Date(Date.now() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);

describe('POST /api/stats', () => {
  it('counts events once, rejects the bad ones with their reason, and keeps no identity', async () => {
    const batch = [listened(), listened({ finished: true, furthest: 60 }), listened()];
    const bad = listened({ artworkId: 'picasso-secret-draft' });
    expect(await stats({ action: 'listened', events: [...batch, bad] }, 'dev_visitor')).toEqual({
      status: 200,
      retryAfter: null,
      body: {
        ok: true,
        data: {
          accepted: 3,
          duplicates: 0,
          rejected: [{ id: bad.id, reason: expect.stringContaining('参数 artworkId') }],
        },
      },
    });
    expect(await stats({ action: 'listened', events: batch })).toMatchObject({
      status: 200,
      body: { ok: true, data: { accepted: 0, duplicates: 3, rejected: [] } },
    });
    // Beside the visitors' file and the live state, with nothing of who sent it.
    const files = (await fs.readdir(stateDir)).sort();
    expect(files).toEqual(expect.arrayContaining(['stats-daily.db', 'stats-events.db']));
    for (const file of ['stats-daily.db', 'stats-events.db']) {
      const text = await fs.readFile(path.join(stateDir, file), 'utf8');
      expect(text).not.toMatch(/dev_visitor|openid/i);
    }
  });

  it('answers 400 INVALID_ARGUMENT naming events for an empty batch or more than 50', async () => {
    for (const events of [[], Array.from({ length: 51 }, () => listened())]) {
      expect(await stats({ action: 'listened', events }, 'dev_visitor')).toMatchObject({
        status: 400,
        body: {
          ok: false,
          error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('events') },
        },
      });
    }
  });

  it('answers the summary to the staff in STAFF_OPENIDS only (403 for anyone else)', async () => {
    const day = today();
    const summary = { action: 'summary', from: day, to: day };
    for (const openid of [undefined, 'dev_visitor', 'not valid!']) {
      expect(await stats(summary, openid)).toMatchObject({
        status: 403,
        body: { ok: false, error: { code: 'PERMISSION_DENIED' } },
      });
    }
    const answer = await stats(summary, STAFF);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      ok: true,
      data: { works: [{ artworkId: ARLEQUIN, plays: 3, finishes: 1, seconds: 60 }] },
    });
    expect(await stats({ action: 'summary', from: day, to: '2000-01-01' }, STAFF)).toMatchObject({
      status: 400,
      body: {
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('to') },
      },
    });
  });

  it('answers 429 UNAVAILABLE to a client over its limit, with when to retry, and 200 to others', async () => {
    const call = (openid?: string) => stats({ action: 'listened', events: [listened()] }, openid);
    for (let index = 0; index < STATS_RATE_LIMIT.max; index += 1) {
      expect((await call('dev_flooder')).status).toBe(200);
    }
    const over = await call('dev_flooder');
    expect(over).toMatchObject({
      status: 429,
      body: {
        ok: false,
        error: { code: 'UNAVAILABLE', message: expect.stringMatching(/请在 \d+ 秒后再试/) },
      },
    });
    expect(Number(over.retryAfter)).toBeGreaterThan(0);
    expect(Number(over.retryAfter)).toBeLessThanOrEqual(STATS_RATE_LIMIT.windowSeconds);
    expect((await call('dev_other_phone')).status).toBe(200);
    // Other functions are not limited by it.
    const artworks = await fetch(`${base}/api/artworks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': 'dev_flooder' },
      body: JSON.stringify({ action: 'artists' }),
    });
    expect(artworks.status).toBe(200);
  });

  it('limits a client without an identity by its address', async () => {
    const call = (openid?: string) => stats({ action: 'listened', events: [listened()] }, openid);
    let status = 200;
    for (let index = 0; index <= STATS_RATE_LIMIT.max && status === 200; index += 1) {
      status = (await call()).status;
    }
    expect(status).toBe(429);
    expect((await call('dev_someone')).status).toBe(200);
  });
});
