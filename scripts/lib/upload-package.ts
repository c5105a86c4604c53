import { promises as fs } from 'fs';
import JSZip from 'jszip';
import os from 'os';
import path from 'path';
import * as ci from 'miniprogram-ci';
import { normaliseNames, type PackageFiles } from './package-loader';

const ROOT = path.resolve(__dirname, '../..');

/** The project as miniprogram-ci sees it; attr() stands in for the account lookup that needs a key. */
export function offlineProject(projectPath = ROOT): InstanceType<typeof ci.Project> {
  const project = new ci.Project({
    appid: 'wx0000000000000000',
    type: 'miniProgram',
    projectPath,
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

/** The upload zip's files, named as the package root sees them. */
export async function readUploadZip(zipPath: string): Promise<PackageFiles> {
  const zip = await JSZip.loadAsync(await fs.readFile(zipPath));
  const entries: Array<[string, Buffer]> = [];
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) entries.push([entry.name, await entry.async('nodebuffer')]);
  }
  return normaliseNames(entries);
}

export interface QualityCheck {
  name: string;
  success: boolean;
  text?: string;
  detail?: unknown;
}

/**
 * WeChat's code quality scan over the compiled package itself, with unused files shown. Run on the
 * sources, miniprogram-ci's analyser reads no TypeScript and would call every npm module unused.
 */
export async function scanCompiledPackage(files: PackageFiles): Promise<QualityCheck[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'upload-scan-'));
  try {
    for (const [name, content] of files) {
      await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await fs.writeFile(path.join(dir, name), content);
    }
    const projectConfig = JSON.parse(
      await fs.readFile(path.join(ROOT, 'project.config.json'), 'utf8'),
    ) as { setting: Record<string, unknown> };
    await fs.writeFile(
      path.join(dir, 'project.config.json'),
      JSON.stringify({
        compileType: 'miniprogram',
        miniprogramRoot: '',
        setting: {
          ...projectConfig.setting,
          useCompilerPlugins: false,
          ignoreUploadUnusedFiles: false,
          ignoreDevUnusedFiles: false,
        },
      }),
    );
    return (await ci.checkCodeQuality(offlineProject(dir))) as QualityCheck[];
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
