/**
 * Printable wall labels for one exhibition: A4 sheets with each published work's titles, artist,
 * year, medium, label number and a code that opens it in the mini program.
 *
 *   npm run labels -- <exhibitionId> [--code qr|wxacode] [--out <dir>]   → dist/labels/<exhibitionId>.pdf
 *
 * Plain QR codes link to <LABEL_LINK_BASE>/<exhibitionId>/<number>; with WX_APPID and WX_APPSECRET
 * the codes are mini program codes from wxacode.getUnlimited (WX_API_BASE, WX_ENV_VERSION).
 */
import path from 'path';
import { ContentError, loadCatalogue } from '../backend/content/load';
import { CONTENT_DIR, ROOT_DIR } from '../backend/host/local';
import { LabelError, makeLabelSheet, readSettings } from './lib/labels';

async function main(): Promise<void> {
  const started = Date.now();
  const settings = readSettings(process.argv.slice(2), process.env);
  const catalogue = await loadCatalogue(CONTENT_DIR);
  const summary = await makeLabelSheet({
    exhibitionId: settings.exhibitionId,
    catalogue,
    code: settings.code,
    outDir: path.resolve(settings.outDir ?? path.join(ROOT_DIR, 'dist', 'labels')),
  });
  if (summary.unpublished.length > 0) {
    console.log(`Left out (not published): ${summary.unpublished.join(', ')}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const relative = path.relative(process.cwd(), summary.file);
  const file = relative.startsWith('..') ? summary.file : relative;
  const pages = summary.pages === 1 ? '1 page' : `${summary.pages} pages`;
  console.log(
    `${file}: ${pages}, ${summary.labels} labels, ${summary.codes}, ${summary.bytes} bytes (${seconds} s)`,
  );
  // Last, where a person looks: the sheet is made, but may not be fit for the walls.
  for (const warning of settings.warnings) console.warn(`Warning: ${warning}`);
}

main().catch((error: unknown) => {
  const known = error instanceof LabelError || error instanceof ContentError;
  console.error(known ? error.message : error);
  process.exit(1);
});
