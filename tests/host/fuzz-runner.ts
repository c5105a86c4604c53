// Random requests to every function of the real host over loopback HTTP, seeded and replayable.
// Used by tests/host/fuzz.test.ts (a few thousand events in `npm test`) and `npm run fuzz`.
import path from 'path';
import fc from 'fast-check';
import { buildHost, STATUS_BY_CODE } from '../../backend/host/app';
import { localHostOptions, localSettings, localSigner } from '../../backend/host/local';
import type { ErrorCode } from '../../miniprogram/types/api';
import { openSeededStore } from '../backend/fixture';
import { tempDir } from '../support/temp';

const CODES = Object.keys(STATUS_BY_CODE) as ErrorCode[];
/** Words that only the fixture's unpublished drafts carry: an answer holding one leaked a draft. */
const DRAFT_MARKS = ['picasso-secret-draft', 'secret-rehearsal-2030', 'secret-preview', '未公开'];

export interface FuzzRequest {
  name: string;
  /** The JSON body, or a raw string sent as the body as it is. */
  body: unknown;
  raw?: string;
  /** Sent as the X-WX-OPENID header (the local host's caller identity) when set. */
  openid?: string;
}

export interface FuzzReport {
  seed: number;
  runs: number;
  byStatus: Record<string, number>;
  byCode: Record<string, number>;
  failure?: string;
}

/** What earlier answers handed out, for later events to reuse (ids, numbers, cursors). */
interface Harvest {
  ids: string[];
  numbers: string[];
  cursors: string[];
  replayIds: string[];
  replayCursors: string[];
}

function keep(list: string[], value: unknown) {
  if (typeof value === 'string' && value && !list.includes(value) && list.length < 500) {
    list.push(value);
  }
}

function harvest(into: Harvest, name: string, data: unknown) {
  if (!data || typeof data !== 'object') return;
  const record = data as Record<string, unknown>;
  const items = Array.isArray(record.items) ? record.items : Array.isArray(data) ? data : [record];
  if (name === 'replays') {
    keep(into.replayCursors, record.nextCursor);
    for (const item of items) keep(into.replayIds, (item as { id?: unknown }).id);
    return;
  }
  keep(into.cursors, record.nextCursor);
  for (const item of items as Array<{ id?: unknown; number?: unknown }>) {
    keep(into.ids, item.id);
    keep(into.numbers, item.number);
  }
}

const pickFrom = (pool: () => string[], fallback: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.nat().map((index) => pool()[index % Math.max(1, pool().length)]) },
    { weight: 1, arbitrary: fallback },
  );

/** Values of every JSON type, with unicode, huge and odd numbers, and operator-looking objects. */
function anyValue(): fc.Arbitrary<unknown> {
  const operatorKey = fc.constantFrom('$gt', '$ne', '$regex', '$where', '$in', '$exists', '$or');
  return fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    fc.constantFrom('', ' ', '\u200b', '\u202e', '%00', '../..', '.*', '(', '|', 'null', '毕加索'),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.constantFrom(0, -1, 1.5, 51, 1e308, -0, Number.MAX_SAFE_INTEGER + 2),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.dictionary(operatorKey, fc.oneof(fc.string(), fc.integer(), fc.constant(null)), {
      maxKeys: 2,
    }),
    fc.jsonValue({ maxDepth: 2 }),
  );
}

function requests(harvested: Harvest): fc.Arbitrary<FuzzRequest> {
  const id = pickFrom(() => harvested.ids, fc.string());
  const number = pickFrom(() => harvested.numbers, fc.stringMatching(/^\d{1,9}$/));
  const cursor = pickFrom(() => harvested.cursors, fc.base64String({ maxLength: 40 }));
  const replayId = pickFrom(() => harvested.replayIds, fc.string());
  const exhibitionId = fc.constantFrom(
    'modern-masters-on-tour',
    'kandinsky-colour-symphony',
    'pompidou-modern-collection',
    'secret-preview',
    'nope',
  );
  const replayCursor = pickFrom(() => harvested.replayCursors, fc.base64String({ maxLength: 40 }));
  const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
  const limit = fc.oneof(fc.integer({ min: 1, max: 50 }), anyValue());
  const q = fc.oneof(
    fc.constantFrom('bijiasuo', 'bjs', 'Chagall', '夏加尔', 'pica\u200bsso', 'suo|b', '(', 'a.*'),
    fc.string({ maxLength: 60 }),
    anyValue(),
  );
  const artworks = fc.oneof(
    fc.record(
      {
        action: fc.constant('list'),
        artist: maybe(fc.oneof(fc.constantFrom('picasso', 'chagall', 'kandinsky'), anyValue())),
        floor: maybe(fc.oneof(fc.constantFrom('5', 5, '4'), anyValue())),
        q: maybe(q),
        cursor: maybe(fc.oneof(cursor, replayCursor, anyValue())),
        limit: maybe(limit),
        withArtists: maybe(fc.oneof(fc.boolean(), anyValue())),
      },
      { requiredKeys: ['action'] },
    ),
    fc.record({ action: fc.constant('get'), id: fc.oneof(id, replayId, anyValue()) }),
    fc.record(
      {
        action: fc.constant('byNumber'),
        number: fc.oneof(number, anyValue()),
        exhibitionId: fc.oneof(exhibitionId, anyValue()),
      },
      { requiredKeys: ['action', 'number'] },
    ),
    fc.record({ action: fc.constant('artists') }),
  );
  const replays = fc.oneof(
    fc.record(
      {
        action: fc.constant('list'),
        cursor: maybe(fc.oneof(replayCursor, cursor, anyValue())),
        limit: maybe(limit),
      },
      { requiredKeys: ['action'] },
    ),
    fc.record({ action: fc.constant('get'), id: fc.oneof(replayId, id, anyValue()) }),
  );
  const exhibitions = fc.oneof(
    fc.record({ action: fc.constant('list') }),
    fc.record({ action: fc.constant('get'), id: fc.oneof(exhibitionId, id, anyValue()) }),
    fc.record({ action: fc.constant('pack'), id: fc.oneof(exhibitionId, id, anyValue()) }),
  );
  const visitors = fc.oneof(
    fc.record({ action: fc.constant('favorites') }),
    fc.record(
      {
        action: fc.constant('favorite'),
        artworkId: fc.oneof(
          id,
          fc.constantFrom('picasso-secret-draft', 'no-such-work', 'Picasso'),
          anyValue(),
        ),
        on: fc.oneof(fc.boolean(), anyValue()),
      },
      { requiredKeys: ['action'] },
    ),
  );
  const liveId = fc.constantFrom(
    'rooftop-paris-2027',
    'kandinsky-colour-lesson-2027',
    'first-livestream-2020',
    'no-such-live',
  );
  const lives = fc.oneof(
    fc.record({ action: fc.constant('list') }),
    fc.record(
      { action: fc.constant('remind'), id: fc.oneof(liveId, id, anyValue()) },
      { requiredKeys: ['action'] },
    ),
  );
  const payments = fc.oneof(
    fc.record(
      {
        action: fc.constantFrom('offer', 'order'),
        kind: fc.oneof(fc.constantFrom('live', 'replay'), anyValue()),
        id: fc.oneof(liveId, replayId, id, anyValue()),
      },
      { requiredKeys: ['action'] },
    ),
    fc.record(
      { action: fc.constant('devPay'), orderId: fc.oneof(fc.string(), anyValue()) },
      { requiredKeys: ['action'] },
    ),
  );
  // Mostly a few well-formed users, so favourites pile up; sometimes none, or a malformed one.
  const openid = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom('fuzz_alice', 'fuzz-bob', 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M'),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.stringMatching(/^[ -~]{0,70}$/) },
  );
  const extraKeys = fc.dictionary(
    fc.oneof(
      fc.constantFrom(
        '$where',
        '$gt',
        '_id',
        'published',
        'userInfo',
        'constructor',
        'toString',
        'openid',
        'OPENID',
      ),
      fc.string({ maxLength: 8 }),
    ),
    anyValue(),
    { maxKeys: 3 },
  );
  const withExtras = (events: fc.Arbitrary<object>) =>
    fc.tuple(events, fc.option(extraKeys)).map(([event, extras]) => ({ ...extras, ...event }));
  const randomObject = fc.dictionary(
    fc.oneof(fc.constantFrom('action', 'id', 'q', 'cursor', 'limit'), fc.string()),
    anyValue(),
  );
  return fc.oneof(
    { weight: 6, arbitrary: withExtras(artworks).map((body) => ({ name: 'artworks', body })) },
    { weight: 3, arbitrary: withExtras(replays).map((body) => ({ name: 'replays', body })) },
    {
      weight: 2,
      arbitrary: withExtras(exhibitions).map((body) => ({ name: 'exhibitions', body })),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(withExtras(visitors), openid)
        .map(([body, caller]) => ({ name: 'visitors', body, openid: caller })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(withExtras(lives), openid)
        .map(([body, caller]) => ({ name: 'lives', body, openid: caller })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(withExtras(payments), openid)
        .map(([body, caller]) => ({ name: 'payments', body, openid: caller })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom('artworks', 'replays', 'exhibitions', 'visitors', 'lives', 'payments'),
          fc.oneof(randomObject, anyValue()),
        )
        .map(([name, body]) => ({ name, body })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.oneof(
            fc.constantFrom('artworks', 'replays', 'visitors', 'stats', '%ff', 'x%2Fy'),
            fc.string(),
          ),
          fc.string(),
          fc.option(openid, { nil: undefined }),
        )
        .map(([name, raw, caller]) => ({ name, body: undefined, raw, openid: caller })),
    },
  );
}

/** One answer checked against the contract; returns what is wrong, or null. */
function checkAnswer(status: number, text: string, sent: string): string | null {
  if (status >= 500) return `status ${status}`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `status ${status} with a body that is not JSON: ${text.slice(0, 120)}`;
  }
  const envelope = body as {
    ok?: unknown;
    data?: unknown;
    error?: { code?: unknown; message?: unknown };
  };
  const keys = Object.keys(envelope).sort().join(',');
  if (envelope.ok === true) {
    if (keys !== 'data,ok' || status !== 200)
      return `ok answer with status ${status}, keys ${keys}`;
  } else if (envelope.ok === false) {
    const error = envelope.error;
    if (keys !== 'error,ok' || !error) return `error answer with keys ${keys}`;
    if (!CODES.includes(error.code as ErrorCode)) return `unknown code ${String(error.code)}`;
    if (error.code === 'INTERNAL') return `INTERNAL: ${String(error.message)}`;
    if (STATUS_BY_CODE[error.code as ErrorCode] !== status) {
      return `status ${status} with code ${String(error.code)}`;
    }
    if (typeof error.message !== 'string' || !/[\u4e00-\u9fff]/.test(error.message)) {
      return `message is not a Chinese sentence: ${String(error.message)}`;
    }
  } else {
    return `not an envelope: ${text.slice(0, 120)}`;
  }
  // A mark the request itself carried may be echoed back ("no exhibition secret-preview").
  for (const mark of DRAFT_MARKS) {
    if (text.includes(mark) && !sent.includes(mark)) return `unpublished record leaked (${mark})`;
  }
  return null;
}

/**
 * Runs `runs` random requests against a real host on loopback. Throws, naming the seed and the
 * smallest failing request fast-check finds, when any answer breaks the contract.
 */
export async function fuzzHost(options: { seed: number; runs: number }): Promise<FuzzReport> {
  const { storeDir } = await openSeededStore();
  const settings = localSettings({ PORT: '0' });
  const app = await buildHost(
    await localHostOptions(
      storeDir,
      settings.publicUrl,
      localSigner(settings, 'fuzz-secret-0123456789'),
      undefined,
      undefined,
      path.join(await tempDir('pompidou-fuzz-visitors-'), 'visitors.db'),
    ),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const harvested: Harvest = {
    ids: [],
    numbers: [],
    cursors: [],
    replayIds: [],
    replayCursors: [],
  };
  const report: FuzzReport = { seed: options.seed, runs: 0, byStatus: {}, byCode: {} };
  let lastProblem = '';
  try {
    await fc.assert(
      fc.asyncProperty(requests(harvested), async (request) => {
        const sent = request.raw ?? JSON.stringify(request.body) ?? '';
        const response = await fetch(`${base}/api/${request.name}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(request.openid === undefined ? {} : { 'x-wx-openid': request.openid }),
          },
          body: sent,
        });
        const text = await response.text();
        report.runs += 1;
        report.byStatus[response.status] = (report.byStatus[response.status] ?? 0) + 1;
        const problem = checkAnswer(response.status, text, `${request.name} ${sent}`);
        if (problem) {
          lastProblem = problem;
          throw new Error(problem);
        }
        const envelope = JSON.parse(text) as {
          ok: boolean;
          data?: unknown;
          error?: { code: string };
        };
        const code = envelope.ok ? 'ok' : (envelope.error?.code ?? '?');
        report.byCode[code] = (report.byCode[code] ?? 0) + 1;
        if (envelope.ok) harvest(harvested, request.name, envelope.data);
      }),
      { seed: options.seed, numRuns: options.runs, endOnFailure: false },
    );
  } catch (error) {
    report.failure = `${(error as Error).message}\nProblem: ${lastProblem}`;
  } finally {
    await app.close();
  }
  return report;
}
