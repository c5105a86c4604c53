// npm run bench: artworks function latency on the embedded store with the catalogue scaled to 10,000
// generated artworks, the replays function on the real content, the bytes of a list page, a full
// artwork and a full replay, and the main package size. Prints figures; asserts nothing.
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { loadCatalogue } from '../backend/content/load';
import type { ArtworkDoc } from '../backend/domain/catalogue';
import { localMediaUrl } from '../backend/domain/media';
import { sortKeyOf } from '../backend/domain/paging';
import { buildSearchText } from '../backend/domain/search';
import { createLinkSigner } from '../backend/domain/signing';
import { localVideoLinker } from '../backend/domain/video-links';
import { createArtworksMain } from '../backend/functions/artworks';
import { createReplaysMain } from '../backend/functions/replays';
import { CONTENT_DIR } from '../backend/host/local';
import { NedbCatalogue, seedLocalStore } from '../backend/repository/nedb';
import { packMiniprogramNpm } from './lib/npm-pack';
import { compileMainPackage } from './lib/upload-package';

const SCALE = Number(process.env.BENCH_ARTWORKS ?? 10000);
const RUNS = Number(process.env.BENCH_RUNS ?? 300);

/** Copies of the real works under new ids and label numbers; every 20th is left unpublished. */
function scaleCatalogue(real: ArtworkDoc[], count: number): ArtworkDoc[] {
  return Array.from({ length: count }, (_, index) => {
    const base = real[index % real.length];
    const id = `${base.id}-copy-${index}`;
    const number = String(100000 + index);
    const title = {
      zh: `${base.title.zh}（习作 ${index}）`,
      original: `${base.title.original} ${index}`,
    };
    return {
      ...base,
      _id: id,
      id,
      number,
      title,
      published: index % 20 !== 19,
      sortKey: sortKeyOf(number, id),
      search: buildSearchText([
        title.zh,
        title.original,
        base.artist.name.zh,
        base.artist.name.original,
      ]),
    };
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function time(
  label: string,
  events: () => unknown,
  runs = RUNS,
  main: (e: unknown) => Promise<unknown>,
) {
  for (let warm = 0; warm < 20; warm += 1) await main(events());
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const event = events();
    const started = process.hrtime.bigint();
    await main(event);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(44)} p50 ${percentile(samples, 50).toFixed(2).padStart(7)} ms   p95 ${percentile(samples, 95).toFixed(2).padStart(7)} ms`,
  );
}

async function main(): Promise<void> {
  const real = await loadCatalogue(CONTENT_DIR);
  const storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pompidou-bench-'));
  const generated = scaleCatalogue(real.artworks, SCALE);
  const seedStarted = Date.now();
  await seedLocalStore(
    storeDir,
    { artists: real.artists, artworks: generated, replays: real.replays },
    'bench',
  );
  const repository = await NedbCatalogue.open(storeDir);
  console.log(
    `Embedded store: ${SCALE} generated artworks, seeded in ${Date.now() - seedStarted} ms.`,
  );
  const artworks = createArtworksMain({
    repository,
    mediaUrl: localMediaUrl('http://127.0.0.1:3000'),
  });

  const cursors: string[] = [];
  let cursor: string | null = null;
  do {
    const page = (await artworks({ action: 'list', ...(cursor ? { cursor } : {}) })) as {
      data: { nextCursor: string | null };
    };
    cursor = page.data.nextCursor;
    if (cursor) cursors.push(cursor);
  } while (cursor);
  let turn = 0;
  const nextCursor = () => cursors[(turn += 7919) % cursors.length];

  console.log(`artworks function, ${RUNS} calls each:`);
  await time('list, first page (limit 20)', () => ({ action: 'list' }), RUNS, artworks);
  await time(
    'list, a page deep in the walk (cursor)',
    () => ({ action: 'list', cursor: nextCursor() }),
    RUNS,
    artworks,
  );
  await time('list, artist filter', () => ({ action: 'list', artist: 'chagall' }), RUNS, artworks);
  await time(
    'list, pinyin search q=bijiasuo',
    () => ({ action: 'list', q: 'bijiasuo' }),
    RUNS,
    artworks,
  );
  await time('list, pinyin initials q=bjs', () => ({ action: 'list', q: 'bjs' }), RUNS, artworks);
  await time(
    'list, characters q=蓝色天空 (no match)',
    () => ({ action: 'list', q: '蓝色天空' }),
    RUNS,
    artworks,
  );
  await time(
    'byNumber',
    () => ({ action: 'byNumber', number: String(100000 + ((turn += 13) % SCALE)) }),
    RUNS,
    artworks,
  );

  const realStore = await fs.mkdtemp(path.join(os.tmpdir(), 'pompidou-bench-real-'));
  await seedLocalStore(realStore, real, real.fingerprint);
  const realFunction = createArtworksMain({
    repository: await NedbCatalogue.open(realStore),
    mediaUrl: localMediaUrl('http://127.0.0.1:3000'),
  });
  const bytes = async (event: object) =>
    Buffer.byteLength(JSON.stringify(await realFunction(event)));
  const scaledBytes = Buffer.byteLength(JSON.stringify(await artworks({ action: 'list' })));
  console.log('Payload (JSON envelope, budget 20 KB a page):');
  console.log(`  list page, 13-work catalogue (limit 20)     ${await bytes({ action: 'list' })} B`);
  console.log(`  list page, 10,000-work catalogue (limit 20) ${scaledBytes} B`);
  console.log(
    `  list page at limit 50                       ${await bytes({ action: 'list', limit: 50 })} B`,
  );
  console.log(
    `  one full artwork (get)                      ${await bytes({ action: 'get', id: real.artworks[0].id })} B`,
  );

  const replays = createReplaysMain({
    repository: await NedbCatalogue.open(realStore),
    mediaUrl: localMediaUrl('http://127.0.0.1:3000'),
    videoLink: localVideoLinker(
      createLinkSigner({
        secret: 'bench-secret-bench-secret',
        baseUrl: 'http://127.0.0.1:3000/media',
        ttlSeconds: 7200,
      }),
    ),
  });
  const replayId = real.replays[0]?.id;
  console.log(`replays function, ${RUNS} calls each:`);
  await time('list', () => ({ action: 'list' }), RUNS, replays);
  if (replayId) {
    await time(
      'get (chapters, artworks, signed link)',
      () => ({ action: 'get', id: replayId }),
      RUNS,
      replays,
    );
    const replayBytes = async (event: object) =>
      Buffer.byteLength(JSON.stringify(await replays(event)));
    console.log(
      `  replays list page                           ${await replayBytes({ action: 'list' })} B`,
    );
    console.log(
      `  one full replay (get)                       ${await replayBytes({ action: 'get', id: replayId })} B`,
    );
  }

  await packMiniprogramNpm({ reuse: true });
  const files = await compileMainPackage();
  const total = files.reduce((sum, file) => sum + file.bytes, 0);
  console.log(
    `Main package (as uploaded): ${(total / 1024).toFixed(1)} KB in ${files.length} files (rule: 1,536 KB).`,
  );
  await fs.rm(storeDir, { recursive: true, force: true });
  await fs.rm(realStore, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
