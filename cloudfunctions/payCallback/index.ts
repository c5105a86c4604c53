import cloud from 'wx-server-sdk';
import { createPayCallbackMain } from '../../backend/functions/pay-callback';
import type { QueryOrderAnswer, WechatPay } from '../../backend/functions/payments';
import { CloudBaseLiveState } from '../../backend/repository/live-state';

// The SDK's typings predate DYNAMIC_CURRENT_ENV being a symbol; it is the documented value.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

// cloud.cloudPay is missing from the SDK's typings; it signs and sends WeChat Pay's v2 requests.
const cloudPay = () => (cloud as unknown as { cloudPay: Pick<WechatPay, 'queryOrder'> }).cloudPay;

// Called by WeChat Pay (through CloudBase) after a payment, never by the mini program: the order
// named by payments' unifiedOrder (functionName 'payCallback'). PAY_SUB_MCH_ID as on `payments`,
// for the order query that confirms each notice.
export const main = createPayCallbackMain({
  state: new CloudBaseLiveState(cloud.database()),
  wechatPay: {
    subMchId: process.env.PAY_SUB_MCH_ID?.trim() ?? '',
    queryOrder: (request): Promise<QueryOrderAnswer> => cloudPay().queryOrder(request),
  },
  log: (message) => console.warn(message),
  logError: (error) => console.error(error),
});
