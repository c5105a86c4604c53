import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import path from 'path';
import * as ci from 'miniprogram-ci';
import { GENERATED_FOLDERS, listFiles } from './files';
import { reachableFrom, type PackageFiles } from './package-loader';

const ROOT = path.resolve(__dirname, '../..');
const MINIPROGRAM = path.join(ROOT, 'miniprogram');
const STAGING = path.join(ROOT, '.local', 'npm-staging');
const VANT_DIST = path.join(MINIPROGRAM, 'miniprogram_npm', '@vant', 'weapp');
const STAMP = path.join(ROOT, '.local', 'npm-pack.stamp');

/**
 * Builds miniprogram/miniprogram_npm offline. miniprogram-ci packs the node_modules beside a
 * package.json, so the mini program's own dependencies are staged first: the root node_modules also
 * holds the backend's packages, which must never reach the phone.
 */
export async function packMiniprogramNpm(
  options: { reuse?: boolean } = {},
): Promise<'packed' | 'reused'> {
  const manifest = JSON.parse(
    await fs.readFile(path.join(MINIPROGRAM, 'package.json'), 'utf8'),
  ) as {
    dependencies: Record<string, string>;
  };
  const stamp = await packStamp(manifest.dependencies);
  const previous = await fs.readFile(STAMP, 'utf8').catch(() => '');
  const packed = await fs.stat(path.join(MINIPROGRAM, 'miniprogram_npm')).catch(() => null);
  if (options.reuse && packed && previous === stamp) return 'reused';
  await fs.rm(STAGING, { recursive: true, force: true });
  await fs.mkdir(path.join(STAGING, 'node_modules'), { recursive: true });
  await fs.writeFile(path.join(STAGING, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const name of Object.keys(manifest.dependencies)) {
    await fs.cp(path.join(ROOT, 'node_modules', name), path.join(STAGING, 'node_modules', name), {
      recursive: true,
    });
  }
  await fs.rm(path.join(MINIPROGRAM, 'miniprogram_npm'), { recursive: true, force: true });
  const result = await ci.packNpmManually({
    packageJsonPath: path.join(STAGING, 'package.json'),
    miniprogramNpmDistDir: MINIPROGRAM,
  });
  if (result.warnList.length > 0) {
    throw new Error(`npm pack warnings: ${JSON.stringify(result.warnList)}`);
  }
  await pruneUnusedVant();
  await fs.writeFile(STAMP, stamp);
  return 'packed';
}

/** What the packed output depends on: installed versions and the components the app declares. */
async function packStamp(dependencies: Record<string, string>): Promise<string> {
  const hash = createHash('sha256');
  for (const name of Object.keys(dependencies).sort()) {
    hash.update(await fs.readFile(path.join(ROOT, 'node_modules', name, 'package.json')));
  }
  for (const file of (await listJsonFiles(MINIPROGRAM)).sort()) {
    hash.update(file).update(JSON.stringify(await usingComponentsOf(file)));
  }
  return hash.digest('hex');
}

async function listJsonFiles(dir: string): Promise<string[]> {
  return (await listFiles(dir, GENERATED_FOLDERS)).filter((file) => file.endsWith('.json'));
}

async function usingComponentsOf(file: string): Promise<string[]> {
  const json = JSON.parse(await fs.readFile(file, 'utf8')) as {
    usingComponents?: Record<string, string>;
  };
  return Object.values(json.usingComponents ?? {});
}

/**
 * Keeps of Vant only what the components the app declares load, and what those load in turn
 * (components, helpers, mixins, styles): with unused files shown, WeChat's quality scan fails a
 * package that carries anything else. Answers the files removed.
 */
export async function pruneUnusedVant(): Promise<string[]> {
  const declared: string[] = [];
  for (const file of await listJsonFiles(MINIPROGRAM)) {
    for (const target of await usingComponentsOf(file)) {
      const name = /^@vant\/weapp\/([a-z-]+)\/index$/.exec(target)?.[1];
      if (name) declared.push(name);
    }
  }
  const files: PackageFiles = new Map();
  for (const file of await listFiles(VANT_DIST)) {
    files.set(path.relative(MINIPROGRAM, file).split(path.sep).join('/'), await fs.readFile(file));
  }
  const prefix = path.relative(MINIPROGRAM, VANT_DIST).split(path.sep).join('/');
  const reached = reachableFrom(
    files,
    declared.map((name) => `${prefix}/${name}/index.json`),
  );
  const removed = [...files.keys()].filter((name) => !reached.has(name));
  for (const name of removed) await fs.rm(path.join(MINIPROGRAM, name));
  // Folders left empty (a whole component, its nested parts) would still show in DevTools.
  const folders = new Set<string>();
  for (const name of removed) {
    for (let dir = path.posix.dirname(name); dir.startsWith(`${prefix}/`);) {
      folders.add(dir);
      dir = path.posix.dirname(dir);
    }
  }
  const deepestFirst = [...folders].sort((a, b) => b.split('/').length - a.split('/').length);
  for (const dir of deepestFirst) {
    const full = path.join(MINIPROGRAM, dir);
    if ((await fs.readdir(full).catch(() => ['?'])).length === 0) await fs.rmdir(full);
  }
  return removed;
}
