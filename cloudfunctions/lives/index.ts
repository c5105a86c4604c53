import cloud from 'wx-server-sdk';
import { cloudMediaUrl } from '../../backend/domain/media';
import { createLivesMain } from '../../backend/functions/lives';
import { CloudBaseCatalogue } from '../../backend/repository/cloudbase';
import { CloudBaseLiveState } from '../../backend/repository/live-state';

// The SDK's typings predate DYNAMIC_CURRENT_ENV being a symbol; it is the documented value.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

const db = cloud.database();

// MEDIA_BASE_URL (set in the console, as on the other functions): where the covers are read.
export const main = createLivesMain({
  repository: new CloudBaseCatalogue(db),
  state: new CloudBaseLiveState(db),
  mediaUrl: cloudMediaUrl(process.env.MEDIA_BASE_URL),
  // The caller is the OPENID WeChat attaches to the call; an openid in the event is never read.
  identify: () => cloud.getWXContext().OPENID,
  logError: (error) => console.error(error),
});
