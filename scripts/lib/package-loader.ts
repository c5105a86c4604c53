// Reads a mini program package the way WeChat's runtime loads it. Node, Jest and bundlers forgive
// what the phone does not: WeChat's require() turns './x' into './x.js' and nothing else (never a
// folder's index.js, never .ts), and a component must bring its own .json, .js and .wxml.
import { posix } from 'path';

/** File name (relative to the package root, `/`-separated) → content. */
export type PackageFiles = Map<string, Buffer>;

export type ReferenceKind = 'require' | 'component' | 'wxs' | 'template' | 'style';

export interface Reference {
  kind: ReferenceKind;
  /** The file that names it. */
  from: string;
  /** As written. */
  spec: string;
}

export interface Resolution {
  reference: Reference;
  /** The files it loads; empty when it loads nothing. */
  files: string[];
  /** Why it does not load, when it does not. */
  problem?: string;
}

export interface LoadReport {
  failures: string[];
  counts: {
    scripts: number;
    requires: number;
    npmRequires: number;
    components: number;
    templates: number;
    pages: number;
    tabIcons: number;
  };
}

const REQUIRE = /\brequire\(\s*(['"])([^'"]+)\1\s*\)/g;
const WXML_SOURCE = /<(wxs|import|include)\b[^>]*?\bsrc\s*=\s*(['"])([^'"]+)\2/g;
const WXSS_IMPORT = /@import\s+(['"])([^'"]+)\1/g;
const COMPONENT_FILES = ['.json', '.js', '.wxml'];
/** What the runtime appends to a spec of each kind before looking for the file. */
const IMPLIED_EXTENSION: Record<Exclude<ReferenceKind, 'component'>, string> = {
  require: '.js',
  wxs: '',
  template: '.wxml',
  style: '.wxss',
};

/** Strips the `./` the upload zip puts before root files and any folder entries. */
export function normaliseNames(entries: Iterable<[string, Buffer]>): PackageFiles {
  const files: PackageFiles = new Map();
  for (const [name, content] of entries) {
    if (name.endsWith('/')) continue;
    files.set(posix.normalize(name).replace(/^\/+/, ''), content);
  }
  return files;
}

/** Everything a file names that the runtime will try to load. */
export function referencesOf(name: string, content: Buffer): Reference[] {
  const text = content.toString('utf8');
  const found: Reference[] = [];
  const add = (kind: ReferenceKind, spec: string) => found.push({ kind, from: name, spec });
  if (name.endsWith('.js') || name.endsWith('.wxs')) {
    for (const [, , spec] of text.matchAll(REQUIRE)) {
      if (spec) add('require', spec);
    }
  } else if (name.endsWith('.wxml')) {
    for (const [, tag, , spec] of text.matchAll(WXML_SOURCE)) {
      if (spec && !spec.includes('{{')) add(tag === 'wxs' ? 'wxs' : 'template', spec);
    }
  } else if (name.endsWith('.wxss')) {
    for (const [, , spec] of text.matchAll(WXSS_IMPORT)) {
      if (spec && !/^(https?:)?\/\//.test(spec)) add('style', spec);
    }
  } else if (name.endsWith('.json')) {
    const json = parseJson(text);
    const using = json?.usingComponents;
    if (using && typeof using === 'object') {
      for (const target of Object.values(using as Record<string, unknown>)) {
        if (typeof target === 'string' && !target.startsWith('plugin://')) add('component', target);
      }
    }
  }
  return found;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isPath(spec: string): boolean {
  return spec.startsWith('.') || spec.startsWith('/');
}

/** A relative or absolute spec, as a package path. */
function packagePath(from: string, spec: string): string {
  const joined = spec.startsWith('/') ? spec : posix.join(posix.dirname(from), spec);
  return posix.normalize(joined).replace(/^\/+/, '');
}

/** npm names are looked up in the nearest `miniprogram_npm/` above the file, as WeChat does. */
function npmCandidates(from: string, spec: string, suffixes: string[]): string[] {
  const candidates: string[] = [];
  let dir = posix.dirname(from);
  for (;;) {
    const base = posix.join(dir === '.' ? '' : dir, 'miniprogram_npm', spec);
    candidates.push(...suffixes.map((suffix) => base + suffix));
    if (dir === '.' || dir === '') break;
    dir = posix.dirname(dir);
  }
  return candidates;
}

function isFolder(files: PackageFiles, target: string): boolean {
  const prefix = `${target}/`;
  for (const name of files.keys()) if (name.startsWith(prefix)) return true;
  return false;
}

function withExtension(target: string, extension: string): string {
  return target.endsWith(extension) ? target : target + extension;
}

/** Where a reference leads in this package, or why it leads nowhere. */
export function resolveReference(files: PackageFiles, reference: Reference): Resolution {
  const { kind, from, spec } = reference;
  if (kind === 'component') {
    const bases = isPath(spec)
      ? [packagePath(from, spec)]
      : npmCandidates(from, spec, ['', '/index']);
    for (const base of bases) {
      const parts = COMPONENT_FILES.map((extension) => base + extension);
      if (parts.every((part) => files.has(part))) return { reference, files: parts };
    }
    const base = bases[0];
    const missing = COMPONENT_FILES.filter((extension) => !files.has(base + extension));
    return {
      reference,
      files: [],
      problem: `component "${spec}" is not in the package (${missing.map((extension) => base + extension).join(', ')} missing)`,
    };
  }
  if (kind === 'require' && !isPath(spec)) {
    const candidates = npmCandidates(from, spec, ['.js', '/index.js']);
    const found = candidates.find((candidate) => files.has(candidate));
    return found
      ? { reference, files: [found] }
      : {
          reference,
          files: [],
          problem: `require("${spec}") finds no npm module (no miniprogram_npm/${spec}/index.js above it)`,
        };
  }
  const target = packagePath(from, spec);
  // A .wxs module requires others by their full name; scripts drop the .js.
  const extension = kind === 'require' && from.endsWith('.wxs') ? '' : IMPLIED_EXTENSION[kind];
  const file = extension ? withExtension(target, extension) : target;
  if (files.has(file)) return { reference, files: [file] };
  if (target.endsWith('.ts')) {
    return {
      reference,
      files: [],
      problem: `require("${spec}") names a .ts file: the phone runs only the compiled .js`,
    };
  }
  if (isFolder(files, target)) {
    return {
      reference,
      files: [],
      problem: `${kind === 'require' ? `require("${spec}")` : `"${spec}"`} names the folder ${target}/: WeChat loads ${target}${extension} only, never a folder's index — write "${spec.replace(/\/$/, '')}/index"`,
    };
  }
  return {
    reference,
    files: [],
    problem: `"${spec}" finds no file (${file} is not in the package)`,
  };
}

/** The pages, tab icons and sitemap that app.json promises. */
function appEntries(files: PackageFiles): { failures: string[]; pages: number; tabIcons: number } {
  const failures: string[] = [];
  const appFile = files.get('app.json');
  const app = appFile ? parseJson(appFile.toString('utf8')) : undefined;
  if (!app) return { failures: ['app.json is missing or not JSON'], pages: 0, tabIcons: 0 };
  const pages = Array.isArray(app.pages) ? (app.pages as string[]) : [];
  for (const page of pages) {
    for (const extension of ['.js', '.wxml', '.json']) {
      if (!files.has(page + extension)) {
        failures.push(`app.json: page ${page} has no ${page}${extension} in the package`);
      }
    }
  }
  const tabBar = app.tabBar as { list?: Array<Record<string, string>> } | undefined;
  let tabIcons = 0;
  for (const item of tabBar?.list ?? []) {
    for (const key of ['iconPath', 'selectedIconPath']) {
      if (!item[key]) continue;
      tabIcons += 1;
      if (!files.has(item[key].replace(/^\/+/, ''))) {
        failures.push(`app.json: tab icon ${item[key]} is not in the package`);
      }
    }
  }
  const sitemap = app.sitemapLocation;
  if (typeof sitemap === 'string' && !files.has(sitemap.replace(/^\/+/, ''))) {
    failures.push(`app.json: sitemapLocation ${sitemap} is not in the package`);
  }
  return { failures, pages: pages.length, tabIcons };
}

/** Every reference of every file resolved against the package's own file list. */
export function checkPackageLoads(files: PackageFiles): LoadReport {
  const report: LoadReport = {
    failures: [],
    counts: {
      scripts: 0,
      requires: 0,
      npmRequires: 0,
      components: 0,
      templates: 0,
      pages: 0,
      tabIcons: 0,
    },
  };
  for (const [name, content] of files) {
    if (name.endsWith('.js')) report.counts.scripts += 1;
    for (const reference of referencesOf(name, content)) {
      if (reference.kind === 'require') {
        if (isPath(reference.spec)) report.counts.requires += 1;
        else report.counts.npmRequires += 1;
      } else if (reference.kind === 'component') report.counts.components += 1;
      else report.counts.templates += 1;
      const { problem } = resolveReference(files, reference);
      if (problem) report.failures.push(`${name}: ${problem}`);
    }
  }
  const app = appEntries(files);
  report.failures.push(...app.failures);
  report.counts.pages = app.pages;
  report.counts.tabIcons = app.tabIcons;
  report.failures.sort();
  return report;
}

/** The files reached from `roots` by following every reference (used to prune npm output). */
export function reachableFrom(files: PackageFiles, roots: string[]): Set<string> {
  const reached = new Set<string>();
  const queue = roots.filter((root) => files.has(root));
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (reached.has(name)) continue;
    reached.add(name);
    // A component's four files travel together, whichever of them was named.
    const stem = name.replace(/\.(js|json|wxml|wxss)$/, '');
    if (stem !== name) {
      for (const extension of ['.js', '.json', '.wxml', '.wxss']) {
        if (files.has(stem + extension)) queue.push(stem + extension);
      }
    }
    for (const reference of referencesOf(name, files.get(name) as Buffer)) {
      queue.push(...resolveReference(files, reference).files);
    }
  }
  return reached;
}

/** Lines to print: each failure, then one summary line. */
export function describeLoadReport(report: LoadReport): string[] {
  const { counts } = report;
  return [
    ...report.failures,
    `${report.failures.length} unresolved: ${counts.requires} relative and ${counts.npmRequires} npm requires in ${counts.scripts} scripts, ${counts.components} components, ${counts.templates} wxs/template/style imports, ${counts.pages} pages, ${counts.tabIcons} tab icons`,
  ];
}
