import { promises as fs } from 'fs';
import path from 'path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '../..');
export const FUNCTIONS_DIR = path.join(ROOT, 'cloudfunctions');

/**
 * Bundles each cloud function's index.ts, shared backend code included, into index.js beside its
 * package.json: that folder is what DevTools or the CloudBase CLI uploads. wx-server-sdk stays the
 * function's own dependency, installed in the cloud.
 */
export async function bundleCloudFunctions(): Promise<Array<{ name: string; bytes: number }>> {
  const bundles: Array<{ name: string; bytes: number }> = [];
  for (const name of (await fs.readdir(FUNCTIONS_DIR)).sort()) {
    const entry = path.join(FUNCTIONS_DIR, name, 'index.ts');
    if (!(await fs.stat(entry).catch(() => null))) continue;
    const outfile = path.join(FUNCTIONS_DIR, name, 'index.js');
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      legalComments: 'none',
      minify: true,
      keepNames: true,
      logLevel: 'warning',
    });
    bundles.push({ name, bytes: (await fs.stat(outfile)).size });
  }
  return bundles;
}
