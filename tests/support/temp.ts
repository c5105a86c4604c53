// Temporary folders that a test file creates and that are removed when it ends (see cleanup.ts).
import { mkdtempSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';

const created: string[] = [];

/** A fresh folder under the system's temp dir, removed after the test file's last test. */
export async function tempDir(prefix: string): Promise<string> {
  return tempDirSync(prefix);
}

export function tempDirSync(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every folder made so far; called by the setup file after each test file. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
