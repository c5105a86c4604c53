import cloud from 'wx-server-sdk';
import { envelopeMain, permissionDenied } from '../../backend/domain/errors';
import {
  describeSync,
  openapiReplayFetcher,
  syncReplays,
  type LiveBroadcastOpenApi,
} from '../../backend/domain/replay-sync';
import { CloudBaseCatalogue } from '../../backend/repository/cloudbase';
import { CloudBaseLiveState } from '../../backend/repository/live-state';

// The SDK's typings predate DYNAMIC_CURRENT_ENV being a symbol; it is the documented value.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

const db = cloud.database();

/**
 * Run by its timer trigger (config.json: at minute 0 of every hour). config.json also grants the
 * cloud call liveBroadcast.getLiveInfo; it fails with an errcode until that is deployed.
 */
export const main = envelopeMain(
  async () => {
    // A timer carries no user; a call from the mini program does, and may not spend the quota.
    if (cloud.getWXContext().OPENID) {
      throw permissionDenied('replaySync 只由定时触发器运行，小程序用户（OPENID）不能调用。');
    }
    const report = await syncReplays({
      catalogue: new CloudBaseCatalogue(db),
      state: new CloudBaseLiveState(db),
      fetchPage: openapiReplayFetcher(cloud.openapi as unknown as LiveBroadcastOpenApi),
    });
    for (const line of describeSync(report)) console.log(line);
    return report;
  },
  (error) => console.error(error),
);
