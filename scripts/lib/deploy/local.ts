// What the deploy sends, read from this checkout: the bundled functions, content/ as documents
// (the same ones `npm run export:cloudbase` writes), the media and the offline packs' data files.
import { promises as fs } from 'fs';
import path from 'path';
import { loadCatalogue } from '../../../backend/content/load';
import { digestOf } from '../../../backend/content/files';
import { PACK_DATA_FOLDER } from '../../../backend/domain/packs';
import { packFromDocs } from '../../../backend/functions/exhibitions';
import { listFiles } from '../files';
import { COLLECTION_INDEXES, CONTENT_COLLECTIONS, WRITABLE_COLLECTIONS } from './collections';
import {
  sha256,
  type Doc,
  type LocalFile,
  type LocalFunction,
  type LocalState,
  type Trigger,
} from './plan';

/** Where the media go in storage; MEDIA_BASE_URL points the functions there. */
export const MEDIA_FOLDER = 'media';
/** What a function's code package holds, when present; its TypeScript source stays home. */
const PACKAGE_FILES = ['index.js', 'package.json', 'config.json'];

interface FunctionConfig {
  triggers?: Array<{ name?: unknown; type?: unknown; config?: unknown }>;
}

async function readFunction(functionsDir: string, name: string): Promise<LocalFunction | null> {
  const dir = path.join(functionsDir, name);
  const files: LocalFunction['files'] = [];
  const digest = [];
  for (const file of PACKAGE_FILES) {
    const content = await fs.readFile(path.join(dir, file)).catch(() => null);
    if (!content) continue;
    files.push({ name: file, path: path.join(dir, file), bytes: content.length });
    digest.push(`${file} ${sha256(content)}`);
  }
  if (!files.some((file) => file.name === 'index.js')) return null;
  if (!files.some((file) => file.name === 'package.json')) {
    throw new Error(`cloudfunctions/${name}: package.json is missing (it lists wx-server-sdk)`);
  }
  const configFile = files.find((file) => file.name === 'config.json');
  const config = configFile
    ? (JSON.parse(await fs.readFile(configFile.path, 'utf8')) as FunctionConfig)
    : {};
  const triggers: Trigger[] = (config.triggers ?? []).map((trigger, index) => {
    const { name: triggerName, type, config: schedule } = trigger;
    if (typeof triggerName !== 'string' || type !== 'timer' || typeof schedule !== 'string') {
      throw new Error(
        `cloudfunctions/${name}/config.json triggers.${index}: a timer trigger needs a name and a cron config`,
      );
    }
    return { name: triggerName, type, config: schedule };
  });
  const source = await fs.readFile(path.join(dir, 'index.ts'), 'utf8').catch(() => '');
  return {
    name,
    files,
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    codeSha256: sha256(digest.join('\n')),
    triggers,
    envOnCreate: /process\.env\.MEDIA_BASE_URL/.test(source) ? ['MEDIA_BASE_URL'] : [],
  };
}

export async function readFunctions(functionsDir: string): Promise<LocalFunction[]> {
  const functions: LocalFunction[] = [];
  for (const entry of (await fs.readdir(functionsDir, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    if (!entry.isDirectory()) continue;
    const fn = await readFunction(functionsDir, entry.name);
    if (fn) functions.push(fn);
  }
  return functions;
}

async function fileEntry(localPath: string, cloudPath: string): Promise<LocalFile> {
  const { bytes, sha256: hash } = digestOf(await fs.readFile(localPath));
  return { cloudPath, localPath, bytes, sha256: hash };
}

/**
 * Reads everything the deploy compares with the cloud. The packs' data files are written to
 * `<outDir>/media/packs/` (as `npm run export:cloudbase` does) so they can be uploaded from disk.
 */
export async function readLocalState(options: {
  contentDir: string;
  functionsDir: string;
  outDir: string;
}): Promise<LocalState> {
  const catalogue = await loadCatalogue(options.contentDir);
  const docs: Record<string, Doc[]> = {
    artworks: catalogue.artworks,
    artists: catalogue.artists,
    replays: catalogue.replays,
    exhibitions: catalogue.exhibitions ?? [],
    lives: catalogue.lives ?? [],
  };
  const collections = [
    ...CONTENT_COLLECTIONS.map((name) => ({
      name,
      docs: docs[name] ?? [],
      indexes: COLLECTION_INDEXES[name] ?? [],
    })),
    ...WRITABLE_COLLECTIONS.map((name) => ({
      name,
      docs: null,
      indexes: COLLECTION_INDEXES[name] ?? [],
    })),
  ];

  const mediaDir = path.join(options.contentDir, 'media');
  const files: LocalFile[] = [];
  for (const file of (await listFiles(mediaDir)).sort()) {
    const relative = path.relative(mediaDir, file).split(path.sep).join('/');
    if (relative.split('/').some((part) => part.startsWith('.'))) continue;
    files.push(await fileEntry(file, `${MEDIA_FOLDER}/${relative}`));
  }
  const packDir = path.join(options.outDir, MEDIA_FOLDER, PACK_DATA_FOLDER);
  await fs.mkdir(packDir, { recursive: true });
  for (const exhibition of catalogue.exhibitions ?? []) {
    if (!exhibition.published) continue;
    const data = packFromDocs(exhibition, catalogue.artworks);
    const entry = data.files[0];
    if (!entry) continue;
    const localPath = path.join(options.outDir, MEDIA_FOLDER, entry.path);
    await fs.writeFile(localPath, data.data);
    files.push({
      cloudPath: `${MEDIA_FOLDER}/${entry.path}`,
      localPath,
      bytes: entry.bytes,
      sha256: entry.sha256,
    });
  }

  return {
    functions: await readFunctions(options.functionsDir),
    collections,
    files,
  };
}
