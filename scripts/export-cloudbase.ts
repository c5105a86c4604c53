// npm run export:cloudbase: validates content/ and writes the collections as files the CloudBase
// console imports (JSON Lines, one document a line, _id kept so a re-import replaces, never duplicates).
import { promises as fs } from 'fs';
import path from 'path';
import { ContentError, loadCatalogue } from '../backend/content/load';
import { PACK_DATA_FOLDER } from '../backend/domain/packs';
import { packFromDocs } from '../backend/functions/exhibitions';
import { CONTENT_DIR, ROOT_DIR } from '../backend/host/local';

const OUT_DIR = path.join(ROOT_DIR, 'dist', 'cloudbase');

async function writeJsonLines(name: string, docs: object[]): Promise<string> {
  const file = path.join(OUT_DIR, `${name}.json`);
  await fs.writeFile(file, docs.map((doc) => JSON.stringify(doc)).join('\n') + '\n');
  return file;
}

async function main(): Promise<void> {
  const catalogue = await loadCatalogue(CONTENT_DIR);
  await fs.rm(OUT_DIR, { recursive: true, force: true });
  await fs.mkdir(OUT_DIR, { recursive: true });
  const written = [
    [await writeJsonLines('artworks', catalogue.artworks), catalogue.artworks.length],
    [await writeJsonLines('artists', catalogue.artists), catalogue.artists.length],
    [await writeJsonLines('replays', catalogue.replays), catalogue.replays.length],
    [
      await writeJsonLines('exhibitions', catalogue.exhibitions ?? []),
      catalogue.exhibitions?.length ?? 0,
    ],
    [await writeJsonLines('lives', catalogue.lives ?? []), catalogue.lives?.length ?? 0],
  ] as const;
  for (const [file, count] of written) {
    console.log(`${path.relative(ROOT_DIR, file)}: ${count} documents`);
  }
  // The offline packs' data files: made from the same records, uploaded beside the media.
  const packDir = path.join(OUT_DIR, 'media', PACK_DATA_FOLDER);
  await fs.mkdir(packDir, { recursive: true });
  for (const exhibition of catalogue.exhibitions ?? []) {
    if (!exhibition.published) continue;
    const pack = packFromDocs(exhibition, catalogue.artworks);
    const data = pack.files[0];
    if (!data) continue;
    await fs.writeFile(path.join(OUT_DIR, 'media', data.path), pack.data);
    console.log(
      `dist/cloudbase/media/${data.path}: offline pack ${pack.version}, ${pack.files.length} files, ${(pack.totalBytes / 1e6).toFixed(1)} MB`,
    );
  }
  console.log(`
Load a CloudBase environment (see README, "Deploying to CloudBase"):
  1. 云开发控制台 → 数据库: create the collections "artworks", "artists", "replays", "exhibitions" and "lives"; import each
     file above (格式 JSON, 冲突处理 Upsert). Set every collection's permission to "所有用户不可读写"
     (only the cloud functions read them; they filter unpublished records).
  2. 存储: upload the folder content/media/ as media/ (same paths), and dist/cloudbase/media/packs/
     as media/packs/ (the offline packs' data files; upload them again after every export). The replays function hands out
     temporary links (getTempFileURL) to the videos, so storage can stay "仅创建者可读写".
  3. Set the environment variable MEDIA_BASE_URL on the artworks, replays and exhibitions functions to the media
     folder's cloud:// file ID prefix, e.g. cloud://<env-id>.<bucket>/media; optionally
     VIDEO_LINK_TTL (seconds, default 7200) on replays.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ContentError ? error.message : error);
  process.exit(1);
});
