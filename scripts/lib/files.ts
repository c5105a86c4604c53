import { promises as fs } from 'fs';
import path from 'path';

/** The built and installed folders, which are nobody's source. */
export const GENERATED_FOLDERS = ['miniprogram_npm', 'node_modules'];

/** Every file under `dir`, recursively, skipping folders with the names in `skip`. */
export async function listFiles(dir: string, skip: readonly string[] = []): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.includes(entry.name)) found.push(...(await listFiles(full, skip)));
    } else found.push(full);
  }
  return found;
}
