import cloud from 'wx-server-sdk';
import { cloudMediaUrl } from '../../backend/domain/media';
import { cloudVideoLinker } from '../../backend/domain/video-links';
import { createReplaysMain } from '../../backend/functions/replays';
import { CloudBaseCatalogue } from '../../backend/repository/cloudbase';
import { CloudBaseLiveState } from '../../backend/repository/live-state';

// The SDK's typings predate DYNAMIC_CURRENT_ENV being a symbol; it is the documented value.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

// Set on the function in the CloudBase console:
//   MEDIA_BASE_URL     where covers and thumbnails are read (cloud:// prefix or a CDN URL);
//   CLOUD_FILE_PREFIX  the cloud:// prefix the video files were uploaded under (defaults to
//                      MEDIA_BASE_URL when that is a cloud:// prefix);
//   VIDEO_LINK_TTL     seconds a video link stays valid (default 7200, at most 86400).
const ttl = Math.min(86400, Math.max(60, Number(process.env.VIDEO_LINK_TTL) || 7200));

const db = cloud.database();

export const main = createReplaysMain({
  repository: new CloudBaseCatalogue(db),
  mediaUrl: cloudMediaUrl(process.env.MEDIA_BASE_URL),
  videoLink: cloudVideoLinker(cloud, {
    filePrefix: process.env.CLOUD_FILE_PREFIX ?? process.env.MEDIA_BASE_URL,
    maxAgeSeconds: ttl,
  }),
  state: new CloudBaseLiveState(db),
  // The caller is the OPENID WeChat attaches to the call; an openid in the event is never read.
  identify: () => cloud.getWXContext().OPENID,
  logError: (error) => console.error(error),
});
