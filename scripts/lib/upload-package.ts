import { promises as fs } from 'fs';
import path from 'path';
import * as ci from 'miniprogram-ci';

const ROOT = path.resolve(__dirname, '../..');

/** The project as miniprogram-ci sees it; attr() stands in for the account lookup that needs a key. */
export function offlineProject(): InstanceType<typeof ci.Project> {
  const project = new ci.Project({
    appid: 'wx0000000000000000',
    type: 'miniProgram',
    projectPath: ROOT,
    // Offline calls never authenticate; upload takes the real key from MINIPROGRAM_PRIVATE_KEY_PATH.
    privateKey: 'offline-placeholder',
    ignores: ['node_modules/**/*', 'cloudfunctions/**/*', 'content/**/*', 'tests/**/*'],
  });
  project.attr = async () => ({
    platform: false,
    appType: 0,
    isSandbox: false,
    released: false,
    setting: {
      MaxCodeSize: 2,
      MaxSubpackageSubCodeSize: 2,
      MaxSubpackageFullCodeSize: 20,
      NavigateMiniprogramLimit: 10,
      MaxSubPackageLimit: 100,
      MinTabbarCount: 2,
      MaxTabbarCount: 5,
      MaxCustomTabbarCount: 5,
      MaxTabbarIconSize: 40,
    },
  });
  return project;
}

export interface PackageFile {
  name: string;
  bytes: number;
}

/** Compiles the mini program exactly as an upload would and returns the files of the main package. */
export async function compileMainPackage(zipPath?: string): Promise<PackageFile[]> {
  if (zipPath) await fs.mkdir(path.dirname(zipPath), { recursive: true });
  const files = (await ci.getCompiledResult(
    {
      project: offlineProject(),
      version: '0.0.0',
      desc: 'package check',
      setting: { useProjectConfig: true },
    },
    zipPath,
  )) as Record<string, string | Buffer>;
  return Object.entries(files).map(([name, content]) => ({
    name,
    bytes: Buffer.byteLength(content),
  }));
}
