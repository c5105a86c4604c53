// npm run package: the exact package an upload would send, built offline by miniprogram-ci, read
// back the way WeChat's loader reads it, then scanned by WeChat's code quality check with unused
// files shown. Fails on an import the phone cannot load, a failed check, or more than 1.5 MB.
// `--report <file>` also writes the figures as JSON.
import { promises as fs } from 'fs';
import path from 'path';
import { packMiniprogramNpm } from './lib/npm-pack';
import { checkPackageLoads, describeLoadReport } from './lib/package-loader';
import { findRuntimeImportProblems } from './lib/source-imports';
import { compileMainPackage, readUploadZip, scanCompiledPackage } from './lib/upload-package';

const ROOT = path.resolve(__dirname, '..');
const MAIN_PACKAGE_LIMIT = 1.5 * 1024 * 1024;
const OUT_ZIP = path.join(ROOT, 'dist', 'miniprogram-upload.zip');

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

async function main(argv: string[]): Promise<number> {
  const reportIndex = argv.indexOf('--report');
  const reportFile = reportIndex >= 0 ? argv[reportIndex + 1] : undefined;

  const sourceProblems = await findRuntimeImportProblems(path.join(ROOT, 'miniprogram'));
  for (const { file, spec, problem } of sourceProblems) {
    console.error(`miniprogram/${file}: import '${spec}' ${problem}`);
  }

  await packMiniprogramNpm({ reuse: true });
  const entries = await compileMainPackage(OUT_ZIP);
  const total = entries.reduce((sum, entry) => sum + entry.bytes, 0);
  const vant = entries.filter((entry) => entry.name.includes('miniprogram_npm/@vant'));
  const largest = [...entries].sort((a, b) => b.bytes - a.bytes).slice(0, 8);

  console.log(
    `Main package: ${kb(total)} in ${entries.length} files (limit ${kb(MAIN_PACKAGE_LIMIT)}).`,
  );
  console.log(`  of which Vant Weapp: ${kb(vant.reduce((sum, entry) => sum + entry.bytes, 0))}`);
  console.log('  largest files:');
  for (const entry of largest) console.log(`    ${kb(entry.bytes).padStart(10)}  ${entry.name}`);
  console.log(`Upload zip written to ${path.relative(ROOT, OUT_ZIP)}.`);

  const files = await readUploadZip(OUT_ZIP);
  const loads = checkPackageLoads(files);
  console.log('\nThe package as WeChat loads it:');
  for (const line of describeLoadReport(loads)) console.log(`  ${line}`);

  const quality = await scanCompiledPackage(files);
  console.log('\nCode quality scan (unused files shown):');
  for (const check of quality) {
    const detail = Array.isArray(check.detail) ? `: ${check.detail.join(', ')}` : '';
    console.log(
      `  ${check.success ? 'pass' : 'FAIL'}  ${check.name}${check.success ? '' : ` — ${check.text ?? ''}${detail}`}`,
    );
  }

  const failed = quality.filter((check) => !check.success);
  if (failed.length > 0) {
    console.error(`\nCode quality scan: ${failed.map((check) => check.name).join(', ')} failed.`);
  }
  if (loads.failures.length > 0 || sourceProblems.length > 0) {
    console.error('\nThe package would not load on a phone: see the lines above.');
  }
  if (total > MAIN_PACKAGE_LIMIT) {
    console.error(`\nMain package ${kb(total)} is over WeChat's ${kb(MAIN_PACKAGE_LIMIT)} rule.`);
  }
  if (reportFile) {
    await fs.mkdir(path.dirname(path.resolve(reportFile)), { recursive: true });
    await fs.writeFile(
      reportFile,
      JSON.stringify(
        { bytes: total, files: entries.length, sourceProblems, loads, quality },
        null,
        2,
      ),
    );
  }
  const broken =
    failed.length > 0 ||
    loads.failures.length > 0 ||
    sourceProblems.length > 0 ||
    total > MAIN_PACKAGE_LIMIT;
  return broken ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    // miniprogram-ci leaves a file watcher behind.
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
