/**
 * Fetches the recordings of ended lives from the mini program live platform into the local store,
 * as the replaySync cloud function does every hour on CloudBase.
 *
 *   npm run replays:sync [-- --dry-run]
 *
 * Needs WX_APPID and WX_APPSECRET (the mini program's, 开发管理 → 开发设置); WX_API_BASE points it
 * at a stand-in of api.weixin.qq.com. --dry-run fetches and prints what would change, writing nothing.
 */
import path from 'path';
import { parseArgs } from 'util';
import {
  describeSync,
  syncReplays,
  type ReplayPageFetcher,
  type ReplaySyncReport,
} from '../backend/domain/replay-sync';
import { STORE_DIR, VISITORS_FILE } from '../backend/host/local';
import { NedbCatalogue } from '../backend/repository/nedb';
import { NedbLiveState } from '../backend/repository/nedb-live-state';
import {
  callWechatApi,
  stableAccessToken,
  wechatApiBase,
  WechatApiError,
  type WechatCredentials,
} from './lib/wechat-api';

export const USAGE = 'Usage: npm run replays:sync [-- --dry-run]';

type Env = Record<string, string | undefined>;

export function readCredentials(env: Env): WechatCredentials {
  const appId = env.WX_APPID?.trim() ?? '';
  const appSecret = env.WX_APPSECRET?.trim() ?? '';
  if (!appId || !appSecret) {
    throw new WechatApiError(
      "Set WX_APPID and WX_APPSECRET, the mini program's AppID and AppSecret (开发管理 → 开发设置), to fetch replays from the live platform.",
    );
  }
  return { appId, appSecret, apiBase: wechatApiBase(env.WX_API_BASE) };
}

/** getLiveInfo over HTTP; the token is asked for once, and only if some live needs a fetch. */
export function httpReplayFetcher(credentials: WechatCredentials): ReplayPageFetcher {
  let token: Promise<string> | undefined;
  return async ({ roomId, start, limit }) => {
    token ??= stableAccessToken(credentials);
    return callWechatApi(
      credentials.apiBase,
      await token,
      '/wxa/business/getliveinfo',
      { action: 'get_replay', room_id: roomId, start, limit },
      `the replay of live room ${roomId}`,
    );
  };
}

export async function runReplaySync(options: {
  argv: readonly string[];
  env: Env;
  storeDir?: string;
  /** Where the live state's NeDB files are (beside the visitors' file by default). */
  stateDir?: string;
  log?: (line: string) => void;
}): Promise<ReplaySyncReport> {
  let dryRun: boolean;
  try {
    const parsed = parseArgs({
      args: [...options.argv],
      options: { 'dry-run': { type: 'boolean' } },
    });
    dryRun = parsed.values['dry-run'] === true;
  } catch (error) {
    throw new WechatApiError(`${(error as Error).message}. ${USAGE}`);
  }
  const fetchPage = httpReplayFetcher(readCredentials(options.env));
  const report = await syncReplays({
    catalogue: await NedbCatalogue.open(options.storeDir ?? STORE_DIR),
    state: new NedbLiveState(options.stateDir ?? path.dirname(VISITORS_FILE)),
    fetchPage,
    dryRun,
  });
  for (const line of describeSync(report)) (options.log ?? console.log)(line);
  return report;
}

if (require.main === module) {
  runReplaySync({ argv: process.argv.slice(2), env: process.env })
    .then((report) => {
      // Printed already; a failed live still makes the run fail for whoever scripted it.
      if (report.results.some((result) => result.outcome === 'failed')) process.exitCode = 1;
    })
    .catch((error: unknown) => {
      console.error(error instanceof WechatApiError ? error.message : error);
      process.exit(1);
    });
}
