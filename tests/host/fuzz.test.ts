// The host under random events: FUZZ_SEED replays a run (the seed is printed), FUZZ_RUNS sets its size.
import { fuzzHost } from './fuzz-runner';

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const runs = Number(process.env.FUZZ_RUNS ?? 3000);

it(`answers ${runs} random events with well-formed envelopes, no INTERNAL, no 5xx (seed ${seed})`, async () => {
  console.log(`fuzz: seed ${seed}, ${runs} events (FUZZ_SEED=${seed} replays this run)`);
  const report = await fuzzHost({ seed, runs });
  expect(report.failure).toBeUndefined();
  // Generated events reach past validation too, not only the error paths.
  expect(report.byCode.ok ?? 0).toBeGreaterThan(runs / 10);
  expect(report.byCode.NOT_FOUND ?? 0).toBeGreaterThan(0);
  expect(report.byCode.INVALID_ARGUMENT ?? 0).toBeGreaterThan(runs / 10);
  // visitors events without a (well-formed) X-WX-OPENID header.
  expect(report.byCode.PERMISSION_DENIED ?? 0).toBeGreaterThan(0);
}, 600_000);
