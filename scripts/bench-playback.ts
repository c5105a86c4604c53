// npm run bench:playback: the setData budget of playback (PRODUCT.md: at most 4 a second in all,
// each under 1 KB), over a minute of narration. miniprogram-simulate needs jsdom and the tests' fake
// `wx`, so the measurement is a Jest file (tests/miniprogram/bench/playback.test.ts, which `npm test`
// runs over a shorter stretch); this script runs it longer and prints what it measured. Exits
// non-zero when the budget is broken.
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import path from 'path';
import {
  BENCH_OUT_ENV,
  BENCH_SECONDS_ENV,
  type ScenarioResult,
} from '../tests/miniprogram/bench/playback-result';
import {
  SET_DATA_MAX_BYTES,
  SET_DATA_MAX_PER_SECOND,
} from '../tests/miniprogram/support/set-data-budget';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, '.local', 'bench-playback.json');
const SECONDS = process.env[BENCH_SECONDS_ENV] ?? '60';

async function main(): Promise<number> {
  await fs.rm(OUT, { force: true });
  const jest = spawnSync(
    'npx',
    ['jest', '-c', 'tests/miniprogram/jest.config.js', 'tests/miniprogram/bench'],
    {
      cwd: ROOT,
      env: { ...process.env, [BENCH_OUT_ENV]: OUT, [BENCH_SECONDS_ENV]: SECONDS },
      stdio: ['ignore', 'inherit', 'pipe'],
      encoding: 'utf8',
    },
  );
  const results = JSON.parse(await fs.readFile(OUT, 'utf8').catch(() => '[]')) as ScenarioResult[];
  const first = results[0];
  if (!first) {
    console.error(jest.stderr);
    console.error('The playback bench did not run.');
    return 1;
  }

  console.log(`Playback setData, ${first.seconds} s of narration, timeUpdate every 250 ms:`);
  for (const result of results) {
    const perComponent = Object.values(result.byComponent).join(' + ');
    console.log(`  ${result.name}`);
    console.log(
      `    ${result.perSecond.toFixed(2)} setData/s on average, ${result.busiestSecond} in the busiest second (${result.calls} calls: ${perComponent || 'none'}; budget ≤ ${SET_DATA_MAX_PER_SECOND}/s)`,
    );
    console.log(
      `    largest payload ${result.largestBytes} bytes UTF-8 (${result.largestKeys.join(', ')}; budget < ${SET_DATA_MAX_BYTES})`,
    );
  }
  const over = results.filter(
    (result) =>
      result.busiestSecond > SET_DATA_MAX_PER_SECOND ||
      result.perSecond > SET_DATA_MAX_PER_SECOND ||
      result.largestBytes >= SET_DATA_MAX_BYTES,
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
