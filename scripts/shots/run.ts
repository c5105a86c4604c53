// npm run shots: pictures of every page of the mini program, made on Linux from the real code.
// 1. the real local host, in process, over content/ seeded into a temporary store;
// 2. Jest renders the pages with miniprogram-simulate (scripts/shots/pages.spec.ts) and dumps them;
// 3. the official WXSS compiler's styles, the phone's chrome, headless Chromium, a PNG each;
// 4. the figures the team quotes: the play control's position, contrast, tap target sizes.
import { execFileSync, spawn } from 'child_process';
import { existsSync } from 'fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'fs/promises';
import os from 'os';
import path from 'path';
import { Renderer } from './browser';
import { startHost } from './host';
import { layoutOf, phoneDocument } from './phone';
import { printReport, type ShotOutcome } from './report';
import { ENV_DUMP_DIR, ENV_HOST_URL, type ShotDump } from './types';
import { webviewDocument } from './webview';
import { compileStyleSheets, MINIPROGRAM_ROOT } from './wxss';

const ROOT = path.resolve(__dirname, '..', '..');
const OUT_DIR = path.join(ROOT, 'docs', 'shots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Set to a folder to keep each phone's HTML there (open it in a browser to inspect a shot). */
const HTML_DIR = process.env.SHOTS_HTML_DIR;

function checkTools(): void {
  const install = 'install them with `sudo apt-get install -y chromium fonts-noto-cjk`';
  if (!existsSync(CHROMIUM)) {
    fail(`Chromium was not found at ${CHROMIUM}: ${install} (or set CHROMIUM_PATH).`);
  }
  let families = '';
  try {
    families = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  } catch {
    // No fontconfig: Chromium would have no Chinese fonts either.
  }
  if (!/Noto Sans CJK SC/.test(families)) fail(`Noto Sans CJK SC is not installed: ${install}.`);
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** Runs a command with this process's host still answering (so never a synchronous spawn). */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')}:\n${output}`)),
    );
  });
}

async function renderPages(hostUrl: string, dumpDir: string): Promise<ShotDump[]> {
  const jest = require.resolve('jest/bin/jest');
  const config = path.join(__dirname, 'jest.config.js');
  await run(process.execPath, [jest, '--config', config, '--runInBand', '--ci'], {
    [ENV_HOST_URL]: hostUrl,
    [ENV_DUMP_DIR]: dumpDir,
  });
  const files = (await readdir(dumpDir)).filter((file) => file.endsWith('.json')).sort();
  return Promise.all(
    files.map(
      async (file) => JSON.parse(await readFile(path.join(dumpDir, file), 'utf8')) as ShotDump,
    ),
  );
}

async function main(): Promise<void> {
  checkTools();
  const started = Date.now();
  if (!existsSync(path.join(MINIPROGRAM_ROOT, 'miniprogram_npm', '@vant', 'weapp'))) {
    console.log('miniprogram_npm is missing: npm run build …');
    await run('npm', ['run', 'build']);
  }
  const host = await startHost();
  const dumpDir = await mkdtemp(path.join(os.tmpdir(), 'pompidou-shots-dumps-'));
  let renderer: Renderer | undefined;
  try {
    console.log(`Local host on ${host.url}; rendering the pages with miniprogram-simulate …`);
    const dumps = await renderPages(host.url, dumpDir);
    const styles = compileStyleSheets();
    await mkdir(OUT_DIR, { recursive: true });
    renderer = await Renderer.launch(CHROMIUM, host.url);
    const outcomes: ShotOutcome[] = [];
    for (const dump of dumps) {
      const layout = layoutOf(dump);
      const css = styles.forPage(dump.page);
      const webview = webviewDocument(dump.page, dump.html, css, layout.safeBottom);
      const file = path.join(OUT_DIR, `${dump.name}.png`);
      const html = phoneDocument(dump, webview);
      if (HTML_DIR) {
        await mkdir(HTML_DIR, { recursive: true });
        await writeFile(path.join(HTML_DIR, `${dump.name}.html`), html);
      }
      const result = await renderer.render({
        html,
        width: layout.geometry.width,
        height: layout.geometry.height,
        file,
        scrollTo: dump.scrollTo,
        measure: dump.measure ?? [],
      });
      outcomes.push({ dump, layout, file: path.relative(ROOT, file), ...result });
    }
    // Pictures of states no longer shot would mislead the README.
    const made = new Set(dumps.map((dump) => `${dump.name}.png`));
    for (const file of await readdir(OUT_DIR)) {
      if (file.endsWith('.png') && !made.has(file)) await rm(path.join(OUT_DIR, file));
    }
    printReport(outcomes);
    console.log(`${outcomes.length} shots in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await renderer?.close();
    await host.close();
    await rm(dumpDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
