// npm run upload: uploads the mini program with miniprogram-ci. Needs the AppID and the code upload key
// from mp.weixin.qq.com (开发管理 → 开发设置 → 小程序代码上传), and this machine's IP on its allow list.
import * as ci from 'miniprogram-ci';
import path from 'path';
import { version as packageVersion } from '../package.json';
import { packMiniprogramNpm } from './lib/npm-pack';

const ROOT = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const appid = process.env.MINIPROGRAM_APPID;
  const privateKeyPath = process.env.MINIPROGRAM_PRIVATE_KEY_PATH;
  if (!appid || !privateKeyPath) {
    throw new Error(
      'Set MINIPROGRAM_APPID and MINIPROGRAM_PRIVATE_KEY_PATH (see README, "Uploading").',
    );
  }
  const version = process.env.MINIPROGRAM_VERSION ?? packageVersion;
  await packMiniprogramNpm();
  const project = new ci.Project({
    appid,
    type: 'miniProgram',
    projectPath: ROOT,
    privateKeyPath,
    ignores: ['node_modules/**/*', 'cloudfunctions/**/*', 'content/**/*', 'tests/**/*'],
  });
  const result = await ci.upload({
    project,
    version,
    desc: process.env.MINIPROGRAM_DESC ?? `蓬皮杜导览 ${version}`,
    setting: { useProjectConfig: true },
    onProgressUpdate: () => undefined,
  });
  console.log(`Uploaded version ${version}:`, result.subPackageInfo ?? result);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
