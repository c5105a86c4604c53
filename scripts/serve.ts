// Serves the cloud functions and media on the embedded store (run `npm run seed` first, or `npm start`).
import { buildHost } from '../backend/host/app';
import {
  localHostOptions,
  localSettings,
  localSigner,
  signingSecret,
  STORE_DIR,
  type LocalSettings,
} from '../backend/host/local';

/** A failure the person starting the host can fix: printed as its message alone, without a stack. */
export class StartError extends Error {
  override name = 'StartError';
}

export async function serve(settings: LocalSettings = localSettings()): Promise<void> {
  const signer = localSigner(settings, await signingSecret());
  const options = await localHostOptions(STORE_DIR, settings.publicUrl, signer);
  const app = await buildHost(options);
  try {
    await app.listen({ port: settings.port, host: settings.host });
  } catch (error) {
    await app.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new StartError(
        `Port ${settings.port} on ${settings.host} is already in use: stop the program using it, or start on another port with PORT=${settings.port + 1} npm start.`,
      );
    }
    if (code === 'EACCES') {
      throw new StartError(
        `Port ${settings.port} on ${settings.host} needs privileges this user does not have: choose a port above 1023, e.g. PORT=3000 npm start.`,
      );
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw new StartError(
        `HOST=${settings.host} is not an address of this machine: use 127.0.0.1, or 0.0.0.0 to be reachable from a phone on the same network.`,
      );
    }
    throw error;
  }
  const address = `http://${settings.host}:${settings.port}`;
  console.log(`
蓬皮杜导览 local host is running.
  functions  POST ${address}/api/<name>   (${Object.keys(options.functions).join(', ')})
  media      GET  ${address}/media/…       (files named by published records; range requests
                                               supported; video/ only on signed links, valid
                                               ${settings.videoLinkTtl} s)
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

/** Prints a StartError or a content error as one message, anything else with its stack; exits 1. */
export function exitWith(error: unknown): never {
  console.error(error instanceof StartError ? error.message : error);
  process.exit(1);
}

if (require.main === module) {
  serve().catch(exitWith);
}
