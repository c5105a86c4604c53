import cloud from 'wx-server-sdk';
import { createStatsMain, STATS_RATE_LIMIT, staffOpenids } from '../../backend/functions/stats';
import { CloudBaseCatalogue } from '../../backend/repository/cloudbase';
import { CloudBaseStats } from '../../backend/repository/stats';

// The SDK's typings predate DYNAMIC_CURRENT_ENV being a symbol; it is the documented value.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

const db = cloud.database();

// STAFF_OPENIDS (set in the console, comma-separated): who may read the summary. The OPENID is
// read only for that and, in this instance's memory, to hold back one caller's flood; the
// listening events store none.
export const main = createStatsMain({
  repository: new CloudBaseCatalogue(db),
  stats: new CloudBaseStats(db),
  identify: () => cloud.getWXContext().OPENID,
  staff: staffOpenids(process.env.STAFF_OPENIDS),
  rateLimit: STATS_RATE_LIMIT,
  logError: (error) => console.error(error),
});
