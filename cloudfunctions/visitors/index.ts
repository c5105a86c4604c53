import cloud from 'wx-server-sdk';
import { createVisitorsMain } from '../../backend/functions/visitors';
import { CloudBaseCatalogue, CloudBaseVisitors } from '../../backend/repository/cloudbase';

// The SDK's typings predate DYNAMIC_CURRENT_ENV being a symbol; it is the documented value.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

const db = cloud.database();

// The caller is the OPENID WeChat attaches to the call; an openid in the event is never read.
export const main = createVisitorsMain({
  repository: new CloudBaseCatalogue(db),
  visitors: new CloudBaseVisitors(db),
  identify: () => cloud.getWXContext().OPENID,
  logError: (error) => console.error(error),
});
