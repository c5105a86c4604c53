// npm run bench:playback: the setData budget of playback (PRODUCT.md: at most 4 a second in all,
// each under 1 KB). miniprogram-simulate needs jsdom and the tests' fake `wx`, so the measurement
// is a Jest file (tests/miniprogram/bench/playback.test.ts, left out of `npm test`); this script
// runs it and prints what it measured. Exits non-zero when the budget is broken.
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import path from 'path';

/** What the bench writes for each scenario (see ScenarioResult in the bench file). */
interface ScenarioResult {
  name: string;
  seconds: number;
  calls: number;
  perSecond: number;
  largestBytes: number;
  largestKeys: string[];
  byComponent: Record<string, number>;
}

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, '.local', 'bench-playback.json');
const MAX_PER_SECOND = 4;
const MAX_BYTES = 1024;

async function main(): Promise<number> {
  await fs.rm(OUT, { force: true });
  const jest = spawnSync(
    'npx',
    [
      'jest',
      '-c',
      'tests/miniprogram/jest.config.js',
      'tests/miniprogram/bench',
      '--testPathIgnorePatterns=[]',
    ],
    {
      cwd: ROOT,
      env: { ...process.env, BENCH_PLAYBACK_OUT: OUT },
      stdio: ['ignore', 'inherit', 'pipe'],
      encoding: 'utf8',
    },
  );
  const results = JSON.parse(await fs.readFile(OUT, 'utf8').catch(() => '[]')) as ScenarioResult[];
  if (results.length === 0) {
    console.error(jest.stderr);
    console.error('The playback bench did not run.');
    return 1;
  }

  console.log(`Playback setData, ${results[0].seconds} s of narration, timeUpdate every 250 ms:`);
  for (const result of results) {
    const perComponent = Object.values(result.byComponent).join(' + ');
    console.log(`  ${result.name}`);
    console.log(
      `    ${result.perSecond.toFixed(2)} setData/s (${result.calls} calls: ${perComponent || 'none'}; budget ≤ ${MAX_PER_SECOND}/s)`,
    );
    console.log(
      `    largest payload ${result.largestBytes} bytes (${result.largestKeys.join(', ')}; budget < ${MAX_BYTES})`,
    );
  }
  const over = results.filter(
    (result) => result.perSecond > MAX_PER_SECOND || result.largestBytes >= MAX_BYTES,
  );
  if (over.length > 0 || jest.status !== 0) {
    console.error(jest.stderr);
    console.error(`Over budget: ${over.map((result) => result.name).join(', ') || 'see Jest'}.`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
