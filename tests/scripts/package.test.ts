import { spawnSync, type SpawnSyncReturns } from 'child_process';
import { promises as fs, readFileSync } from 'fs';
import path from 'path';
import {
  checkPackageLoads,
  normaliseNames,
  reachableFrom,
  type PackageFiles,
} from '../../scripts/lib/package-loader';
import { findRuntimeImportProblems } from '../../scripts/lib/source-imports';
import { readUploadZip, type QualityCheck } from '../../scripts/lib/upload-package';
import { tempDir, tempDirSync } from '../support/temp';

const ROOT = path.resolve(__dirname, '../..');
const ZIP = path.join(ROOT, 'dist', 'miniprogram-upload.zip');

function packageOf(files: Record<string, string>): PackageFiles {
  return normaliseNames(Object.entries(files).map(([name, text]) => [name, Buffer.from(text)]));
}

const APP = JSON.stringify({ pages: ['pages/home/index'] });
const HOME = {
  'pages/home/index.json': '{"usingComponents":{}}',
  'pages/home/index.wxml': '<view/>',
};

describe('the upload package that npm run package builds', () => {
  const reportFile = path.join(tempDirSync('package-report-'), 'r.json');
  let run: SpawnSyncReturns<string>;

  beforeAll(() => {
    // A child process: miniprogram-ci leaves a file watcher running in whoever calls it.
    run = spawnSync('npx', ['tsx', 'scripts/package.ts', '--report', reportFile], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 240_000,
    });
  }, 300_000);

  test('builds and passes its own checks', () => {
    // On failure the output says which file and import broke.
    const output = run.status === 0 ? '' : `${run.stdout}\n${run.stderr}`;
    expect({ status: run.status, output }).toEqual({ status: 0, output: '' });
  });

  test('loads as WeChat loads it: every require, component, page and tab icon is in the zip', async () => {
    const files = await readUploadZip(ZIP);
    const report = checkPackageLoads(files);
    expect(report.failures).toEqual([]);
    const app = JSON.parse(readFileSync(path.join(ROOT, 'miniprogram/app.json'), 'utf8')) as {
      pages: string[];
      tabBar: { list: unknown[] };
    };
    expect(report.counts.pages).toBe(app.pages.length);
    expect(report.counts.tabIcons).toBe(app.tabBar.list.length * 2);
    expect(report.counts.requires).toBeGreaterThan(100);
    expect(report.counts.components).toBeGreaterThanOrEqual(5);
    // The audio engine is what the first page's player store loads.
    expect(files.has('services/audio/index.js')).toBe(true);
    expect(files.has('stores/player.js')).toBe(true);
  });

  test('calls no privacy interface: nothing in the package reaches wx.getUserProfile', async () => {
    const files = await readUploadZip(ZIP);
    // A call, not Vant's feature probe (`!!wx.getUserProfile`), is what obliges a privacy guide.
    const callers = [...files].filter(([, content]) =>
      /getUserProfile\s*\(/.test(content.toString()),
    );
    expect(callers.map(([name]) => name)).toEqual([]);
  });

  test('ships the pictures the pages show instead of fetching them from an internet CDN', async () => {
    const files = await readUploadZip(ZIP);
    const remote = [...files]
      .filter(([name]) => /\.(wxml|js)$/.test(name) && !name.startsWith('miniprogram_npm/'))
      .filter(([, content]) =>
        /https?:\/\/(img\.yzcdn\.cn|at\.alicdn\.com)/.test(content.toString()),
      );
    expect(remote.map(([name]) => name)).toEqual([]);
    for (const picture of ['assets/empty/network.png', 'assets/icons/search.png']) {
      expect(files.has(picture)).toBe(true);
    }
  });

  test("passes WeChat's code quality scan with unused files shown", () => {
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { quality: QualityCheck[] };
    const names = report.quality.map((check) => check.name);
    expect(names).toEqual(expect.arrayContaining(['CONTAINS_UNUSED_CODES', 'PACKAGE_SIZE_LIMIT']));
    expect(report.quality.filter((check) => !check.success)).toEqual([]);
  });

  test('the project does not hide unused files from the upload or the scan', () => {
    const config = JSON.parse(readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as {
      setting: Record<string, unknown>;
    };
    expect(config.setting.ignoreUploadUnusedFiles).toBe(false);
    expect(config.setting.ignoreDevUnusedFiles).toBe(false);
  });
});

describe('reading a package as WeChat loads it', () => {
  test('a folder import fails and names the file, the import and the fix', () => {
    const files = packageOf({
      'app.json': APP,
      ...HOME,
      'pages/home/index.js': 'require("../../services/audio");',
      'services/audio/index.js': '',
    });
    expect(checkPackageLoads(files).failures).toEqual([
      expect.stringMatching(
        /^pages\/home\/index\.js: require\("\.\.\/\.\.\/services\/audio"\) names the folder services\/audio\/.*"\.\.\/\.\.\/services\/audio\/index"/,
      ),
    ]);
  });

  test('./x loads x.js only: a .ts file or a missing file fails', () => {
    const files = packageOf({
      'app.json': APP,
      ...HOME,
      'pages/home/index.js': 'require("./view.ts"); require("./missing"); require("./here.js");',
      'pages/home/here.js': '',
    });
    const failures = checkPackageLoads(files).failures;
    expect(failures).toHaveLength(2);
    expect(failures.join('\n')).toMatch(/"\.\/view\.ts"\) names a \.ts file/);
    expect(failures.join('\n')).toMatch(/pages\/home\/missing\.js is not in the package/);
  });

  test('npm names resolve through the nearest miniprogram_npm above the file', () => {
    const files = packageOf({
      'app.json': APP,
      ...HOME,
      'pages/home/index.js': 'require("mobx-miniprogram"); require("left-pad");',
      'miniprogram_npm/mobx-miniprogram/index.js': '',
    });
    expect(checkPackageLoads(files).failures).toEqual([
      'pages/home/index.js: require("left-pad") finds no npm module (no miniprogram_npm/left-pad/index.js above it)',
    ]);
  });

  test('a component needs its .json, .js and .wxml; absolute, relative and npm paths alike', () => {
    const files = packageOf({
      'app.json': JSON.stringify({
        pages: ['pages/home/index'],
        usingComponents: { 'van-button': '@vant/weapp/button/index', player: '/components/p' },
      }),
      ...HOME,
      'pages/home/index.json': '{"usingComponents":{"card":"./card"}}',
      'pages/home/index.js': '',
      'pages/home/card.json': '{}',
      'pages/home/card.js': '',
      'miniprogram_npm/@vant/weapp/button/index.json': '{}',
      'miniprogram_npm/@vant/weapp/button/index.js': '',
      'miniprogram_npm/@vant/weapp/button/index.wxml': '<wxs src="../wxs/utils.wxs" module="u"/>',
      'components/p.json': '{}',
      'components/p.js': '',
      'components/p.wxml': '',
    });
    expect(checkPackageLoads(files).failures).toEqual([
      'miniprogram_npm/@vant/weapp/button/index.wxml: "../wxs/utils.wxs" finds no file (miniprogram_npm/@vant/weapp/wxs/utils.wxs is not in the package)',
      'pages/home/index.json: component "./card" is not in the package (pages/home/card.wxml missing)',
    ]);
  });

  test('every page and tab icon of app.json must be there', () => {
    const files = packageOf({
      'app.json': JSON.stringify({
        pages: ['pages/home/index', 'pages/gone/index'],
        tabBar: { list: [{ pagePath: 'pages/home/index', iconPath: 'assets/tab/home.png' }] },
      }),
      ...HOME,
      'pages/home/index.js': '',
    });
    expect(checkPackageLoads(files).failures).toEqual([
      'app.json: page pages/gone/index has no pages/gone/index.js in the package',
      'app.json: page pages/gone/index has no pages/gone/index.json in the package',
      'app.json: page pages/gone/index has no pages/gone/index.wxml in the package',
      'app.json: tab icon assets/tab/home.png is not in the package',
    ]);
  });

  test('what a component reaches is what pruning keeps', () => {
    const files = packageOf({
      'button/index.json': '{"usingComponents":{"van-icon":"../icon/index"}}',
      'button/index.js': 'require("../common/component")',
      'button/index.wxml': '<wxs src="../wxs/utils.wxs" module="u"/>',
      'button/index.wxss': '@import "../common/index.wxss";',
      'icon/index.json': '{}',
      'icon/index.js': '',
      'icon/index.wxml': '',
      'common/component.js': '',
      'common/index.wxss': '',
      'common/style/var.wxss': '',
      'wxs/utils.wxs': 'var bem = require("./bem.wxs");',
      'wxs/bem.wxs': '',
      'mixins/touch.js': '',
    });
    expect([...reachableFrom(files, ['button/index.json'])].sort()).toEqual([
      'button/index.js',
      'button/index.json',
      'button/index.wxml',
      'button/index.wxss',
      'common/component.js',
      'common/index.wxss',
      'icon/index.js',
      'icon/index.json',
      'icon/index.wxml',
      'wxs/bem.wxs',
      'wxs/utils.wxs',
    ]);
  });
});

describe('imports in the mini program sources', () => {
  test('none names a folder or a .ts file', async () => {
    expect(await findRuntimeImportProblems(path.join(ROOT, 'miniprogram'))).toEqual([]);
  });

  test('a folder import anywhere is named with its file', async () => {
    const root = await tempDir('imports-');
    await fs.mkdir(path.join(root, 'services', 'audio'), { recursive: true });
    await fs.mkdir(path.join(root, 'stores'));
    await fs.writeFile(path.join(root, 'services', 'audio', 'index.ts'), 'export const a = 1;');
    await fs.writeFile(
      path.join(root, 'stores', 'player.ts'),
      "import { a } from '../services/audio';\nimport { b } from '../services/audio/index';\n",
    );
    expect(await findRuntimeImportProblems(root)).toEqual([
      {
        file: path.join('stores', 'player.ts'),
        spec: '../services/audio',
        problem: expect.stringContaining("write '../services/audio/index'"),
      },
    ]);
  });
});
