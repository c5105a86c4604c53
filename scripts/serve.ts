// Serves the cloud functions and media on the embedded store (run `npm run seed` first, or `npm start`).
import { buildHost } from '../backend/host/app';
import {
  localFunctions,
  localSettings,
  localSigner,
  MEDIA_DIR,
  SIGNED_MEDIA_PREFIX,
  signingSecret,
  STORE_DIR,
} from '../backend/host/local';

export async function serve(): Promise<void> {
  const settings = localSettings();
  const signer = localSigner(settings, await signingSecret());
  const functions = await localFunctions(STORE_DIR, settings.publicUrl, signer);
  const app = await buildHost({
    functions,
    mediaDir: MEDIA_DIR,
    signedMedia: { prefix: SIGNED_MEDIA_PREFIX, signer },
  });
  await app.listen({ port: settings.port, host: settings.host });
  const address = `http://${settings.host}:${settings.port}`;
  console.log(`
蓬皮杜导览 local host is running.
  functions  POST ${address}/api/<name>   (${Object.keys(functions).join(', ')})
  media      GET  ${address}/media/…       (range requests supported; video/ only on signed links,
                                               valid ${settings.videoLinkTtl} s)
  health     GET  ${address}/healthz
  media URLs are built on ${settings.publicUrl} (set PUBLIC_URL to change)

Open the mini program in WeChat DevTools:
  1. 导入项目 → choose this folder (${process.cwd()}); AppID: use your own or 测试号.
  2. miniprogram/config.ts → localBaseUrl says where the app looks (http://127.0.0.1:3000 as
     committed${settings.publicUrl === 'http://127.0.0.1:3000' ? ', which is this host' : `: change it to ${settings.publicUrl}`}); “不校验合法域名”
     (urlCheck: false) is set, so DevTools calls it directly.
  3. 编译. 藏品, 号码, 回放 and 我的 load from this host; narration and replays play from it.
Press Ctrl+C to stop.`);
  const stop = () => {
    void app.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  serve().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
