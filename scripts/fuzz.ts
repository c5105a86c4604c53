// npm run fuzz: 10,000 random events (FUZZ_RUNS) to every function of the real host over loopback
// HTTP. FUZZ_SEED=<n> replays a run; the seed is printed either way. Exits 1 on the first answer that
// breaks the contract (5xx, INTERNAL, a malformed envelope, status and code that disagree, a leak).
import { fuzzHost } from '../tests/host/fuzz-runner';
import { removeTempDirs } from '../tests/support/temp';

async function main(): Promise<number> {
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  const runs = Number(process.env.FUZZ_RUNS ?? 10000);
  console.log(
    `fuzz: seed ${seed}, ${runs} events (FUZZ_SEED=${seed} npm run fuzz replays this run)`,
  );
  const started = Date.now();
  const report = await fuzzHost({ seed, runs });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`  ${report.runs} events in ${seconds} s`);
  console.log(`  by status: ${JSON.stringify(report.byStatus)}`);
  console.log(`  by code:   ${JSON.stringify(report.byCode)}`);
  if (report.failure) {
    console.error(`FAILED (seed ${seed}):\n${report.failure}`);
    return 1;
  }
  console.log('  0 failures: every answer a well-formed envelope, no INTERNAL, no 5xx.');
  return 0;
}

main()
  .finally(removeTempDirs)
  .then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
