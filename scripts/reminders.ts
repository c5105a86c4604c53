/**
 * Live reminders from this machine: what the `reminders` cloud function's timer does on CloudBase.
 *
 *   npm run reminders -- --dry-run [--now <ISO time>]   who would be reminded of what; sends nothing
 *   npm run reminders -- [--now <ISO time>]             sends through WeChat's HTTP API
 *
 * Reads the seeded catalogue (STORE_DIR; `npm run seed`) and the live state kept beside
 * VISITORS_FILE. Sending needs WX_APPID, WX_APPSECRET and REMINDER_TEMPLATE_ID (also read:
 * WX_API_BASE, REMINDER_TEMPLATE_FIELDS, REMINDER_MINIPROGRAM_STATE).
 */
import path from 'path';
import { parseArgs } from 'util';
import { liveStatus, liveWindow, type LiveDoc } from '../backend/domain/catalogue';
import {
  planReminders,
  ReminderConfigError,
  reminderTemplateFromEnv,
  REMINDER_LEAD_MINUTES,
  sendReminders,
  shanghaiDateTime,
  type ReminderDeps,
  type ReminderPlan,
  type ReminderRun,
  type ReminderTemplate,
  type SubscribeMessage,
} from '../backend/domain/reminders';
import { STORE_DIR, VISITORS_FILE } from '../backend/host/local';
import { NedbCatalogue } from '../backend/repository/nedb';
import { NedbLiveState } from '../backend/repository/nedb-live-state';
import {
  callWechatApi,
  stableAccessToken,
  WechatApiError,
  wechatApiBase,
  type WechatCredentials,
} from './lib/wechat-api';

export const USAGE = 'Usage: npm run reminders -- [--dry-run] [--now <ISO 8601 time with offset>]';

/** A problem the person running the script can fix: printed as its message alone. */
export class RemindersUsageError extends Error {
  override name = 'RemindersUsageError';
}

type Env = Record<string, string | undefined>;

export interface RemindersCommandOptions {
  storeDir?: string;
  /** The live state's folder; the local host keeps it beside the visitors' file. */
  stateDir?: string;
  print?: (line: string) => void;
}

export interface RemindersCommandResult {
  plan: ReminderPlan;
  /** Absent on a dry run, and when nothing was due. */
  run?: ReminderRun;
}

const SEND_PATH = '/cgi-bin/message/subscribe/send';

function readArgs(argv: readonly string[]): { dryRun: boolean; now?: number } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { 'dry-run': { type: 'boolean' }, now: { type: 'string' } },
    }));
  } catch (error) {
    throw new RemindersUsageError(`${(error as Error).message}. ${USAGE}`);
  }
  const raw = values.now?.trim();
  if (raw === undefined) return { dryRun: values['dry-run'] === true };
  const now = Date.parse(raw);
  // Without an offset a time means this machine's zone: too easy to be an hour or eight off.
  if (!/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(raw) || Number.isNaN(now)) {
    throw new RemindersUsageError(
      `--now must be an ISO 8601 time with its offset, such as 2027-03-20T19:50:00+08:00; "${raw}" is not.`,
    );
  }
  return { dryRun: values['dry-run'] === true, now };
}

function credentialsFrom(env: Env): WechatCredentials {
  const appId = env.WX_APPID?.trim() ?? '';
  const appSecret = env.WX_APPSECRET?.trim() ?? '';
  if (!appId || !appSecret) {
    throw new RemindersUsageError(
      "Sending needs WX_APPID and WX_APPSECRET, the mini program's AppID and AppSecret (开发管理 → 开发设置); add --dry-run to only see who would be reminded.",
    );
  }
  return { appId, appSecret, apiBase: wechatApiBase(env.WX_API_BASE) };
}

/** subscribe/send's body: the cloud call's fields in the HTTP API's snake_case. */
function httpBody(message: SubscribeMessage) {
  return {
    touser: message.touser,
    template_id: message.templateId,
    page: message.page,
    miniprogram_state: message.miniprogramState,
    lang: message.lang,
    data: message.data,
  };
}

function inMinutes(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const [days, hours] = [Math.floor(minutes / 1440), Math.floor(minutes / 60) % 24];
  const text =
    minutes < 60
      ? `${minutes} min`
      : minutes < 2 * 1440
        ? `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`
        : `${days} d${hours ? ` ${hours} h` : ''}`;
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

const describeLive = (live: LiveDoc) => `${live.id} 「${live.title}」`;

function describeTemplate(template: ReminderTemplate): string {
  const fields = Object.entries(template.fields)
    .map(([name, key]) => `${name}→${key}`)
    .join(', ');
  const id = template.id || '(REMINDER_TEMPLATE_ID not set)';
  return `Template ${id}, ${fields}, miniprogram_state ${template.miniprogramState}.`;
}

function messageLine(message: SubscribeMessage): string {
  const data = Object.entries(message.data)
    .map(([key, { value }]) => `${key}="${value}"`)
    .join(', ');
  return `${data} → ${message.page}`;
}

/** The plan, read for a person: the due lives, each reminder's message, and what comes next. */
async function describePlan(
  plan: ReminderPlan,
  lives: LiveDoc[],
  state: ReminderDeps['state'],
  now: number,
  print: (line: string) => void,
): Promise<void> {
  print(
    `Reminders at ${plan.at} (${shanghaiDateTime(now)} Asia/Shanghai) go out for lives starting within ${REMINDER_LEAD_MINUTES} minutes.`,
  );
  const messages = new Map(plan.planned.map((item) => [item.reminder._id, item.message]));
  for (const { live, reminders } of plan.due) {
    const start = liveWindow(live).start;
    print(
      `${describeLive(live)} starts ${shanghaiDateTime(start)} (${inMinutes(start - now)}): ${reminders.length} reminder(s).`,
    );
    for (const reminder of reminders) {
      const message = messages.get(reminder._id);
      print(
        message
          ? `  remind ${reminder.openid}: ${messageLine(message)}`
          : `  skip   ${reminder.openid}: ${reminder.state}${reminder.error ? ` (${reminder.error})` : ''}`,
      );
    }
  }
  if (plan.due.length === 0)
    print(`No live starts within the next ${REMINDER_LEAD_MINUTES} minutes.`);
  // Around the window, what a person checking the timer wants to know: what is on, what is next.
  for (const live of lives.filter((doc) => liveStatus(doc, now) === 'live')) {
    const pending = (await state.listReminders(live.id)).filter((r) => r.state === 'pending');
    print(
      `Live now: ${describeLive(live)} started ${inMinutes(liveWindow(live).start - now)}; ${pending.length} pending reminder(s) will not be sent (reminders stop at the start).`,
    );
  }
  const due = new Set(plan.due.map(({ live }) => live.id));
  const next = lives
    .filter((doc) => liveStatus(doc, now) === 'upcoming' && !due.has(doc.id))
    .sort((a, b) => liveWindow(a).start - liveWindow(b).start)[0];
  if (next) {
    const start = liveWindow(next).start;
    const pending = (await state.listReminders(next.id)).filter((r) => r.state === 'pending');
    print(
      `Next: ${describeLive(next)} starts ${shanghaiDateTime(start)} (${inMinutes(start - now)}); its ${pending.length} pending reminder(s) go out from ${shanghaiDateTime(start - REMINDER_LEAD_MINUTES * 60_000)}.`,
    );
  }
}

/** The whole command, printing through `print`; `main` below is only its exit code. */
export async function remindersCommand(
  argv: readonly string[],
  env: Env,
  options: RemindersCommandOptions = {},
): Promise<RemindersCommandResult> {
  const print = options.print ?? ((line: string) => console.log(line));
  const args = readArgs(argv);
  const template = reminderTemplateFromEnv(env, { requireId: !args.dryRun });
  const credentials = args.dryRun ? null : credentialsFrom(env);
  const catalogue = await NedbCatalogue.open(options.storeDir ?? STORE_DIR).catch((error) => {
    throw new RemindersUsageError((error as Error).message);
  });
  const state = new NedbLiveState(options.stateDir ?? path.dirname(VISITORS_FILE));
  const now = args.now ?? Date.now();
  const deps: ReminderDeps = { catalogue, state, template, now: args.now ? () => now : Date.now };

  const plan = await planReminders(deps);
  await describePlan(plan, await catalogue.listLives(), state, now, print);
  print(describeTemplate(template));
  if (args.dryRun) {
    print(
      `Dry run: ${plan.considered} considered, ${plan.planned.length} would be sent, ${plan.skipped} skipped (already claimed or finished). Nothing was claimed or sent.`,
    );
    return { plan };
  }
  if (!credentials || plan.planned.length === 0) {
    print(`Nothing to send: ${plan.considered} considered, ${plan.skipped} skipped.`);
    return { plan };
  }
  // The token first: if WeChat refuses it, no reminder has been claimed yet.
  const token = await stableAccessToken(credentials);
  const run = await sendReminders({
    ...deps,
    send: async (message) => {
      const answer = await callWechatApi(
        credentials.apiBase,
        token,
        SEND_PATH,
        httpBody(message),
        `the reminder to ${message.touser}`,
      );
      return { errcode: answer.errcode ?? 0, ...(answer.errmsg ? { errmsg: answer.errmsg } : {}) };
    },
  });
  for (const outcome of run.outcomes) {
    const why = outcome.error ? `: ${outcome.error}` : '';
    print(`${outcome.result.padEnd(8)} ${outcome.openid} ${outcome.liveId}${why}`);
  }
  print(
    `Sent ${run.sent}, failed ${run.failed}, skipped ${run.skipped} (already claimed or finished), deferred ${run.deferred}, of ${run.considered} considered.`,
  );
  if (run.halted) print(`Stopped early: ${run.halted}. Deferred reminders stay pending.`);
  return { plan, run };
}

if (require.main === module) {
  remindersCommand(process.argv.slice(2), process.env)
    .then(({ run }) => process.exit(run?.halted ? 1 : 0))
    .catch((error: unknown) => {
      const known =
        error instanceof RemindersUsageError ||
        error instanceof ReminderConfigError ||
        error instanceof WechatApiError;
      console.error(known ? error.message : error);
      process.exit(1);
    });
}
