// npm run package: the exact package an upload would send, built offline by miniprogram-ci; prints the
// main package size and WeChat's code quality scan, and fails when the package breaks the 1.5 MB rule.
import path from 'path';
import * as ci from 'miniprogram-ci';
import { packMiniprogramNpm } from './lib/npm-pack';
import { compileMainPackage, offlineProject } from './lib/upload-package';

const ROOT = path.resolve(__dirname, '..');
const MAIN_PACKAGE_LIMIT = 1.5 * 1024 * 1024;
const OUT_ZIP = path.join(ROOT, 'dist', 'miniprogram-upload.zip');

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

async function main(): Promise<number> {
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

  const quality = (await ci.checkCodeQuality(offlineProject())) as Array<{
    name: string;
    success: boolean;
    text?: string;
  }>;
  console.log('\nCode quality scan:');
  for (const check of quality) {
    console.log(
      `  ${check.success ? 'pass' : 'FAIL'}  ${check.name}${!check.success && check.text ? ` — ${check.text}` : ''}`,
    );
  }

  const failed = quality.filter((check) => !check.success);
  if (failed.length > 0) {
    console.error(`\nCode quality scan: ${failed.map((check) => check.name).join(', ')} failed.`);
  }
  if (total > MAIN_PACKAGE_LIMIT) {
    console.error(`\nMain package ${kb(total)} is over WeChat's ${kb(MAIN_PACKAGE_LIMIT)} rule.`);
  }
  return failed.length > 0 || total > MAIN_PACKAGE_LIMIT ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
