import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import path from 'path';
import * as ci from 'miniprogram-ci';
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
  const { kept } = await pruneUnusedVantComponents();
  await pruneUnreachableVantFiles(kept);
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
  const found: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'miniprogram_npm' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listJsonFiles(full)));
    else if (entry.name.endsWith('.json')) found.push(full);
  }
  return found;
}

async function usingComponentsOf(file: string): Promise<string[]> {
  const json = JSON.parse(await fs.readFile(file, 'utf8')) as {
    usingComponents?: Record<string, string>;
  };
  return Object.values(json.usingComponents ?? {});
}

/** Keeps only the Vant components the app declares, plus the ones those use in turn. */
export async function pruneUnusedVantComponents(): Promise<{ kept: string[]; removed: string[] }> {
  const wanted: string[] = [];
  for (const file of await listJsonFiles(MINIPROGRAM)) {
    for (const target of await usingComponentsOf(file)) {
      const match = /^@vant\/weapp\/([a-z-]+)\/index$/.exec(target);
      if (match) wanted.push(match[1]);
    }
  }
  const kept = new Set<string>();
  while (wanted.length > 0) {
    const name = wanted.pop() as string;
    if (kept.has(name)) continue;
    kept.add(name);
    for (const target of await usingComponentsOf(path.join(VANT_DIST, name, 'index.json'))) {
      const match = /^\.\.\/([a-z-]+)\/index$/.exec(target);
      if (match) wanted.push(match[1]);
    }
  }
  const removed: string[] = [];
  for (const entry of await fs.readdir(VANT_DIST, { withFileTypes: true })) {
    const isComponent =
      entry.isDirectory() &&
      (await fs.stat(path.join(VANT_DIST, entry.name, 'index.json')).catch(() => null)) !== null;
    if (isComponent && !kept.has(entry.name)) {
      await fs.rm(path.join(VANT_DIST, entry.name), { recursive: true });
      removed.push(entry.name);
    }
  }
  return { kept: [...kept].sort(), removed };
}

async function listFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listFiles(full)));
    else found.push(full);
  }
  return found;
}

/**
 * Removes the helpers, mixins and style partials of Vant that no kept component loads: with
 * unused files shown, WeChat's quality scan fails a package that carries them.
 */
export async function pruneUnreachableVantFiles(components: string[]): Promise<string[]> {
  const files: PackageFiles = new Map();
  for (const file of await listFiles(VANT_DIST)) {
    files.set(path.relative(MINIPROGRAM, file).split(path.sep).join('/'), await fs.readFile(file));
  }
  const prefix = path.relative(MINIPROGRAM, VANT_DIST).split(path.sep).join('/');
  const reached = reachableFrom(
    files,
    components.map((name) => `${prefix}/${name}/index.json`),
  );
  const removed = [...files.keys()].filter((name) => !reached.has(name));
  for (const name of removed) await fs.rm(path.join(MINIPROGRAM, name));
  // Folders left empty would still show in DevTools' file tree.
  for (const dir of [...new Set(removed.map((name) => path.dirname(name)))].sort().reverse()) {
    const full = path.join(MINIPROGRAM, dir);
    if ((await fs.readdir(full).catch(() => ['?'])).length === 0) await fs.rmdir(full);
  }
  return removed;
}
