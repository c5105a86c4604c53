// npm run bench: the artworks function in-process and the host over HTTP, with content/ alone (13
// works) and with 10,000 generated works on top (as DEMO_ARTWORKS=10000 npm start serves them); the
// replays function; the bytes of a list page, a full artwork and a full replay; the main package
// size. Prints figures and the ratios the issue on scale set (HTTP at 10,000 works ≥ half the
// requests per second at 13); asserts nothing.
//   BENCH_ARTWORKS (default 10000)  BENCH_RUNS in-process calls per case (default 300)
//   BENCH_SECONDS per HTTP case (default 4)  BENCH_CONNECTIONS (default 10)
import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';
import { buildHost } from '../backend/host/app';
import {
  CONTENT_DIR,
  localHostOptions,
  localSettings,
  localSigner,
  seedFromContent,
} from '../backend/host/local';
import type { FunctionMain } from '../backend/host/app';
import { loadCatalogue } from '../backend/content/load';
import { GENERATED_EXHIBITION_ID, GENERATED_NUMBER_BASE } from '../backend/content/generated';
import type { ArtworkListPage, Envelope } from '../miniprogram/types/api';
import { packMiniprogramNpm } from './lib/npm-pack';
import { compileMainPackage } from './lib/upload-package';
import { removeTempDirs, tempDir } from '../tests/support/temp';

const SCALE = Number(process.env.BENCH_ARTWORKS ?? 10000);
const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SECRET = 'bench-signing-secret-0123456789';

interface Served {
  label: string;
  functions: Record<string, FunctionMain>;
  app: FastifyInstance;
  url: string;
}

async function serveStore(label: string, demoArtworks: number): Promise<Served> {
  const storeDir = await tempDir('pompidou-bench-');
  const started = Date.now();
  await seedFromContent(CONTENT_DIR, storeDir, { demoArtworks });
  const seeded = Date.now() - started;
  // Port 0 first, then the real address: media URLs in answers are built on it.
  const app0 = await buildHost({
    functions: {},
    mediaDir: CONTENT_DIR,
    publishedMedia: () => false,
  });
  await app0.listen({ host: '127.0.0.1', port: 0 });
  const port = (app0.server.address() as { port: number }).port;
  await app0.close();
  const settings = localSettings({ PORT: String(port) });
  const opened = Date.now();
  const options = await localHostOptions(
    storeDir,
    settings.publicUrl,
    localSigner(settings, SECRET),
  );
  const app = await buildHost(options);
  await app.listen({ host: '127.0.0.1', port });
  console.log(
    `  ${label}: seeded in ${seeded} ms, opened by the host in ${Date.now() - opened} ms`,
  );
  return { label, functions: options.functions, app, url: settings.publicUrl };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function call<T>(main: FunctionMain, event: object): Promise<T> {
  const envelope = (await main(event)) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${JSON.stringify(event)}: ${envelope.error.message}`);
  return envelope.data;
}

async function time(label: string, main: FunctionMain, events: () => object): Promise<void> {
  for (let warm = 0; warm < 20; warm += 1) await main(events());
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const event = events();
    const started = process.hrtime.bigint();
    await main(event);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(46)} p50 ${percentile(samples, 50).toFixed(2).padStart(6)} ms   p95 ${percentile(samples, 95).toFixed(2).padStart(6)} ms`,
  );
}

/** Cursors of every page of a walk with this page size. */
async function cursorsOf(main: FunctionMain, limit: number): Promise<string[]> {
  const cursors: string[] = [];
  let cursor: string | null = null;
  do {
    const page: ArtworkListPage = await call<ArtworkListPage>(main, {
      action: 'list',
      limit,
      ...(cursor ? { cursor } : {}),
    });
    cursor = page.nextCursor;
    if (cursor) cursors.push(cursor);
  } while (cursor);
  return cursors;
}

/** Requests per second the host serves for these bodies, rotating through them. */
async function load(url: string, bodies: string[]): Promise<autocannon.Result> {
  let turn = 0;
  return autocannon({
    url: `${url}/api/artworks`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      { setupRequest: (request) => ({ ...request, body: bodies[(turn += 1) % bodies.length] }) },
    ],
  });
}

async function main(): Promise<void> {
  console.log(`Stores (content/ alone, and with ${SCALE} generated works):`);
  const small = await serveStore('13 works', 0);
  const big = await serveStore(`${13 + SCALE} works`, SCALE);
  const artworks = big.functions.artworks as FunctionMain;

  const deepCursors = (await cursorsOf(artworks, 20)).slice(-100);
  let turn = 0;
  const rotate = <T>(items: T[]) => items[(turn += 7919) % items.length] as T;
  console.log(`\nartworks function in-process at ${13 + SCALE} works, ${RUNS} calls each:`);
  await time('list, first page (limit 20)', artworks, () => ({ action: 'list' }));
  await time('list, a deep page (cursor, last 100 pages)', artworks, () => ({
    action: 'list',
    cursor: rotate(deepCursors),
  }));
  await time('list, artist filter', artworks, () => ({ action: 'list', artist: 'chagall' }));
  await time('list, pinyin search q=bijiasuo', artworks, () => ({ action: 'list', q: 'bijiasuo' }));
  await time('list, pinyin initials q=bjs', artworks, () => ({ action: 'list', q: 'bjs' }));
  await time('list, a new search every call (no cache)', artworks, () => ({
    action: 'list',
    q: `样本 ${(turn += 37) % SCALE}`,
  }));
  await time('list, characters q=蓝色天空 (no match)', artworks, () => ({
    action: 'list',
    q: '蓝色天空',
  }));
  await time('byNumber (label in the current exhibition)', artworks, () => ({
    action: 'byNumber',
    number: '525',
  }));
  await time('byNumber (a generated label, exhibitionId)', artworks, () => ({
    action: 'byNumber',
    number: String(GENERATED_NUMBER_BASE + ((turn += 13) % SCALE)),
    exhibitionId: GENERATED_EXHIBITION_ID,
  }));
  await time('get', artworks, () => ({ action: 'get', id: 'kandinsky-bleu-de-ciel-1940' }));

  // HTTP: the same questions of both hosts, one after the other, in the same run.
  const smallFunction = small.functions.artworks as FunctionMain;
  const smallDeep = await cursorsOf(smallFunction, 5);
  const bigDeep = (await cursorsOf(artworks, 5)).slice(-200);
  const cases: Array<[string, string[], string[]]> = [
    ['first page', [JSON.stringify({ action: 'list' })], [JSON.stringify({ action: 'list' })]],
    [
      'pinyin search q=bijiasuo',
      [JSON.stringify({ action: 'list', q: 'bijiasuo' })],
      [JSON.stringify({ action: 'list', q: 'bijiasuo' })],
    ],
    [
      'deep cursor page (limit 5)',
      smallDeep.map((cursor) => JSON.stringify({ action: 'list', limit: 5, cursor })),
      bigDeep.map((cursor) => JSON.stringify({ action: 'list', limit: 5, cursor })),
    ],
  ];
  console.log(
    `\nHTTP, POST /api/artworks, ${CONNECTIONS} connections, ${SECONDS} s a case (requests per second):`,
  );
  console.log(
    `  ${''.padEnd(28)} ${'13 works'.padStart(10)} ${`${13 + SCALE} works`.padStart(12)}   ratio   p50 / p99 at ${13 + SCALE}`,
  );
  for (const [label, smallBodies, bigBodies] of cases) {
    const a = await load(small.url, smallBodies);
    const b = await load(big.url, bigBodies);
    const failures = a.non2xx + b.non2xx + a.errors + b.errors;
    console.log(
      `  ${label.padEnd(28)} ${a.requests.average.toFixed(0).padStart(10)} ${b.requests.average.toFixed(0).padStart(12)}   ${(b.requests.average / a.requests.average).toFixed(2).padStart(5)}   ${b.latency.p50} / ${b.latency.p99} ms${failures ? `   (${failures} failed requests!)` : ''}`,
    );
  }

  const real = await loadCatalogue(CONTENT_DIR);
  const bytes = async (main: FunctionMain, event: object) =>
    Buffer.byteLength(JSON.stringify(await main(event)));
  console.log('\nPayload (JSON envelope, budget 20 KB a page):');
  console.log(
    `  list page, 13 works (limit 20)              ${await bytes(smallFunction, { action: 'list' })} B`,
  );
  console.log(
    `  list page, ${13 + SCALE} works (limit 20)          ${await bytes(artworks, { action: 'list' })} B`,
  );
  console.log(
    `  list page at limit 50                       ${await bytes(artworks, { action: 'list', limit: 50 })} B`,
  );
  console.log(
    `  one full artwork (get)                      ${await bytes(smallFunction, { action: 'get', id: real.artworks[0]?.id })} B`,
  );

  const replays = small.functions.replays as FunctionMain;
  const replayId = real.replays[0]?.id;
  console.log(`\nreplays function in-process, ${RUNS} calls each:`);
  await time('list', replays, () => ({ action: 'list' }));
  if (replayId) {
    await time('get (chapters, artworks, signed link)', replays, () => ({
      action: 'get',
      id: replayId,
    }));
    console.log(
      `  replays list page                              ${await bytes(replays, { action: 'list' })} B`,
    );
    console.log(
      `  one full replay (get)                          ${await bytes(replays, { action: 'get', id: replayId })} B`,
    );
  }
  await small.app.close();
  await big.app.close();

  await packMiniprogramNpm({ reuse: true });
  const files = await compileMainPackage();
  const total = files.reduce((sum, file) => sum + file.bytes, 0);
  console.log(
    `\nMain package (as uploaded): ${(total / 1024).toFixed(1)} KB in ${files.length} files (rule: 1,536 KB).`,
  );
}

main()
  .finally(removeTempDirs)
  .then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
