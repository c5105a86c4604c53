import cloud from 'wx-server-sdk';
import {
  createRemindersMain,
  reminderTemplateFromEnv,
  type SendAnswer,
  type SubscribeMessage,
} from '../../backend/domain/reminders';
import { CloudBaseCatalogue } from '../../backend/repository/cloudbase';
import { CloudBaseLiveState } from '../../backend/repository/live-state';

// The SDK's typings predate DYNAMIC_CURRENT_ENV being a symbol; it is the documented value.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

const db = cloud.database();

// The SDK types openapi as a record of anything; this is the one call made (config.json grants it).
const openapi = cloud.openapi as {
  subscribeMessage: { send(message: SubscribeMessage): Promise<unknown> };
};

/** The cloud call throws on a WeChat error, with WeChat's errcode as errCode; anything else is ours. */
async function sendByCloudCall(message: SubscribeMessage): Promise<SendAnswer> {
  try {
    await openapi.subscribeMessage.send(message);
    return { errcode: 0 };
  } catch (error) {
    const { errCode, errMsg } = (error ?? {}) as { errCode?: unknown; errMsg?: unknown };
    if (typeof errCode === 'number' && errCode !== 0) {
      return { errcode: errCode, errmsg: String(errMsg ?? '') };
    }
    throw error;
  }
}

// Environment variables (set in the console): REMINDER_TEMPLATE_ID, and optionally
// REMINDER_TEMPLATE_FIELDS and REMINDER_MINIPROGRAM_STATE (see backend/domain/reminders.ts).
export const main = createRemindersMain({
  catalogue: new CloudBaseCatalogue(db),
  state: new CloudBaseLiveState(db),
  send: sendByCloudCall,
  template: () => reminderTemplateFromEnv(process.env),
  // A timer trigger calls with no user; a call from the mini program carries its OPENID.
  caller: () => cloud.getWXContext().OPENID,
  logError: (error) => console.error(error),
});
