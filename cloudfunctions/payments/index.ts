import cloud from 'wx-server-sdk';
import {
  createPaymentsMain,
  type UnifiedOrderAnswer,
  type WechatPay,
} from '../../backend/functions/payments';
import { CloudBaseCatalogue } from '../../backend/repository/cloudbase';
import { CloudBaseLiveState } from '../../backend/repository/live-state';

// The SDK's typings predate DYNAMIC_CURRENT_ENV being a symbol; it is the documented value.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

// cloud.cloudPay is missing from the SDK's typings; it signs and sends WeChat Pay's v2 requests.
const cloudPay = () => (cloud as unknown as { cloudPay: Pick<WechatPay, 'unifiedOrder'> }).cloudPay;

const db = cloud.database();

// Set on the function in the CloudBase console:
//   PAY_SUB_MCH_ID  the merchant number bound under 云开发控制台 → 设置 → 全局设置 → 微信支付配置;
//   CLOUD_ENV_ID    optional: the environment payCallback is deployed in. By default the one this
//                   function runs in (DYNAMIC_CURRENT_ENV is a symbol for init only, so its string
//                   is read from getWXContext().ENV).
export const main = createPaymentsMain({
  repository: new CloudBaseCatalogue(db),
  state: new CloudBaseLiveState(db),
  // The caller is the OPENID WeChat attaches to the call; an openid in the event is never read.
  identify: () => cloud.getWXContext().OPENID,
  development: false,
  wechatPay: {
    subMchId: process.env.PAY_SUB_MCH_ID?.trim() ?? '',
    envId: () => process.env.CLOUD_ENV_ID?.trim() || cloud.getWXContext().ENV,
    unifiedOrder: (request): Promise<UnifiedOrderAnswer> => cloudPay().unifiedOrder(request),
  },
  logError: (error) => console.error(error),
});
