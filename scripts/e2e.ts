// npm run e2e: the end-to-end specs in WeChat DevTools, or, without DevTools, what is missing and
// how to enable it (exit 0: a machine without DevTools has nothing wrong with it).
import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import path from 'path';
import { findDevTools, howToEnable, PROJECT_DIR } from '../tests/e2e/support/devtools-env';

async function main(): Promise<number> {
  const devtools = findDevTools();
  if (!devtools.ok) {
    console.log(howToEnable(devtools.problem));
    return 0;
  }
  // DevTools compiles the project as it is on disk: the Vant components must be packed already.
  if (!existsSync(path.join(PROJECT_DIR, 'miniprogram', 'miniprogram_npm'))) {
    console.log('miniprogram/miniprogram_npm is missing: building first.');
    // Loaded only here: miniprogram-ci announces itself the moment it is required.
    const { buildAll } = await import('./build');
    await buildAll();
  }
  const jest = require.resolve('jest/bin/jest');
  const config = path.join('tests', 'e2e', 'jest.config.js');
  const run = spawnSync(
    process.execPath,
    [jest, '--config', config, '--runInBand', ...process.argv.slice(2)],
    { cwd: PROJECT_DIR, stdio: 'inherit' },
  );
  if (run.error) throw run.error;
  return run.status ?? 1;
}

main()
  // exit, not return: miniprogram-ci (when it built) leaves a file watcher behind.
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
