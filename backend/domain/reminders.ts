// Live reminders: each visitor who asked (the `lives` remind action) gets one subscribe message
// shortly before the live starts. A reminder is claimed before it is sent and finished as sent or
// failed afterwards, never put back: a run that dies between claim and send loses that message
// rather than risk sending it twice (WeChat's one-off permission allows one message anyway).
import type { CatalogueRepository } from '../repository/types';
import type { LiveStateRepository, ReminderRecord } from '../repository/live-state';
import { liveWindow, type LiveDoc } from './catalogue';
import { envelopeMain, permissionDenied } from './errors';

/**
 * Reminders go out for lives starting within this many minutes. The timer fires every 5 minutes,
 * so three runs fall inside the window: two may fail or be late and the third still reaches people
 * in time, and a quarter of an hour is enough to get to a phone without forgetting again.
 */
export const REMINDER_LEAD_MINUTES = 15;

/**
 * A reminder claimed before the start may still be sent this long after it (a slow run); later it
 * is finished as failed, not released, so no later run can send it again.
 */
export const REMINDER_GRACE_MINUTES = 5;

/** The 直播 tab; `live` highlights the live the message is about. */
export const REMINDER_PAGE = 'pages/replays/index';

/** Claims and sends in flight at once: quick enough for thousands within a run, gentle on quotas. */
const CONCURRENCY = 8;

/** WeChat's "user refused the message": they declined, or their one-off permission was used. */
export const ERRCODE_REFUSED = 43101;

/**
 * Errcodes that say our setup is wrong (token, template id, data, page), not this visitor: every
 * other message of the run would fail alike, so the run stops and leaves them for a fixed setup.
 */
const SETUP_ERRCODES = new Set([40001, 40014, 41001, 42001, 40037, 47003, 41030]);

export type MiniprogramState = 'developer' | 'trial' | 'formal';
const MINIPROGRAM_STATES: readonly MiniprogramState[] = ['developer', 'trial', 'formal'];

/** Which key of the template each piece of the message goes to (e.g. title → thing1). */
export interface ReminderFields {
  title: string;
  startsAt: string;
  host?: string;
}

export const DEFAULT_REMINDER_FIELDS: Readonly<ReminderFields> = {
  title: 'thing1',
  startsAt: 'time2',
  host: 'thing3',
};

export interface ReminderTemplate {
  id: string;
  fields: ReminderFields;
  miniprogramState: MiniprogramState;
}

/** subscribeMessage.send's parameters, in the cloud call's camelCase. */
export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  miniprogramState: MiniprogramState;
  lang: 'zh_CN';
}

/** WeChat's answer to one message: errcode 0 is sent. A thrown error is a failed call. */
export interface SendAnswer {
  errcode: number;
  errmsg?: string;
}

export type SendMessage = (message: SubscribeMessage) => Promise<SendAnswer>;

export interface ReminderDeps {
  catalogue: Pick<CatalogueRepository, 'listLives'>;
  state: Pick<LiveStateRepository, 'listReminders' | 'claimReminder' | 'finishReminder'>;
  template: ReminderTemplate;
  now?: () => number;
}

export interface PlannedReminder {
  reminder: ReminderRecord;
  live: LiveDoc;
  message: SubscribeMessage;
}

export interface ReminderOutcome {
  reminderId: string;
  liveId: string;
  openid: string;
  /** skipped: not pending (another run has it, or it is done); deferred: left for a later run. */
  result: 'sent' | 'failed' | 'skipped' | 'deferred';
  error?: string;
}

export interface ReminderReport {
  /** The run's clock when it chose the due lives (ISO 8601). */
  at: string;
  considered: number;
  sent: number;
  failed: number;
  skipped: number;
  deferred: number;
  /** Why the run stopped sending early, when it did. */
  halted?: string;
}

export interface ReminderRun extends ReminderReport {
  outcomes: ReminderOutcome[];
}

export interface ReminderPlan {
  at: string;
  /** Lives whose reminders are due now, soonest first, with every reminder of each. */
  due: Array<{ live: LiveDoc; reminders: ReminderRecord[] }>;
  /** Pending reminders a run would send now, with their messages. */
  planned: PlannedReminder[];
  considered: number;
  skipped: number;
}

export class ReminderConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReminderConfigError';
  }
}

const MINUTE = 60_000;

/**
 * Due: the live starts within the lead and has not started. Once it has, the message would
 * announce something already under way; the visitor sees it live in the list instead.
 */
export function isReminderDue(live: Pick<LiveDoc, 'startsAt' | 'durationMinutes'>, now: number) {
  const { start } = liveWindow(live);
  return start - REMINDER_LEAD_MINUTES * MINUTE <= now && now < start;
}

// ---- The message.

/** Value limits of the template key types we fill (订阅消息参数值内容限制). */
const TEXT_LIMITS: Record<string, number> = { thing: 20, name: 10 };
const TIME_TYPES = new Set(['time', 'date']);

function keyType(key: string): string {
  return /^([a-z_]+?)\d+$/.exec(key)?.[1] ?? '';
}

/** At most `limit` characters, the last one an ellipsis when something was cut. */
export function fitText(text: string, limit: number): string {
  const characters = Array.from(text.trim().replace(/\s+/g, ' '));
  return characters.length <= limit
    ? characters.join('')
    : `${characters.slice(0, limit - 1).join('')}…`;
}

/** "2027年03月20日 20:00" in Asia/Shanghai (UTC+8 all year). */
export function shanghaiDateTime(epochMs: number): string {
  const iso = new Date(epochMs + 8 * 60 * MINUTE).toISOString();
  return `${iso.slice(0, 4)}年${iso.slice(5, 7)}月${iso.slice(8, 10)}日 ${iso.slice(11, 16)}`;
}

function textValue(key: string, text: string): string {
  return fitText(text, TEXT_LIMITS[keyType(key)] ?? 20);
}

export function reminderMessage(
  live: LiveDoc,
  openid: string,
  template: ReminderTemplate,
): SubscribeMessage {
  const { fields } = template;
  const data: Record<string, { value: string }> = {
    [fields.title]: { value: textValue(fields.title, live.title) },
    [fields.startsAt]: { value: shanghaiDateTime(liveWindow(live).start) },
  };
  if (fields.host) data[fields.host] = { value: textValue(fields.host, live.host) };
  return {
    touser: openid,
    templateId: template.id,
    page: `${REMINDER_PAGE}?live=${encodeURIComponent(live.id)}`,
    data,
    miniprogramState: template.miniprogramState,
    lang: 'zh_CN',
  };
}

// ---- The template, from the function's (or the script's) environment.

type Env = Record<string, string | undefined>;

/**
 * REMINDER_TEMPLATE_ID, REMINDER_TEMPLATE_FIELDS (JSON such as
 * {"title":"thing1","startsAt":"time2","host":"thing3"}, replacing the default mapping whole) and
 * REMINDER_MINIPROGRAM_STATE (formal by default). `requireId: false` lets a dry run go without an id.
 */
export function reminderTemplateFromEnv(
  env: Env,
  options: { requireId?: boolean } = {},
): ReminderTemplate {
  const id = env.REMINDER_TEMPLATE_ID?.trim() ?? '';
  if (!id && options.requireId !== false) {
    throw new ReminderConfigError(
      'REMINDER_TEMPLATE_ID is not set: give the id of the 直播开始提醒 subscribe-message template (公众平台 → 订阅消息 → 我的模板).',
    );
  }
  const state = env.REMINDER_MINIPROGRAM_STATE?.trim() || 'formal';
  const miniprogramState = MINIPROGRAM_STATES.find((known) => known === state);
  if (!miniprogramState) {
    throw new ReminderConfigError(
      `REMINDER_MINIPROGRAM_STATE must be one of ${MINIPROGRAM_STATES.join(', ')}; "${state}" is not.`,
    );
  }
  const raw = env.REMINDER_TEMPLATE_FIELDS?.trim();
  const fields = raw ? parseFields(raw) : { ...DEFAULT_REMINDER_FIELDS };
  return { id, fields, miniprogramState };
}

const FIELD_TYPES: Record<keyof ReminderFields, ReadonlySet<string>> = {
  title: new Set(Object.keys(TEXT_LIMITS)),
  startsAt: TIME_TYPES,
  host: new Set(Object.keys(TEXT_LIMITS)),
};

function parseFields(raw: string): ReminderFields {
  const problem = (why: string) =>
    new ReminderConfigError(
      `REMINDER_TEMPLATE_FIELDS ${why}; expected JSON such as ${JSON.stringify(DEFAULT_REMINDER_FIELDS)}.`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw problem('is not JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw problem('is not a JSON object');
  }
  const entries = Object.entries(parsed as Record<string, unknown>);
  const fields: Partial<ReminderFields> = {};
  for (const [name, key] of entries) {
    const types = FIELD_TYPES[name as keyof ReminderFields];
    if (!types) throw problem(`names an unknown field "${name}" (title, startsAt, host)`);
    if (typeof key !== 'string' || !types.has(keyType(key))) {
      throw problem(
        `maps ${name} to ${JSON.stringify(key)}, not a template key of type ${[...types].join(' or ')} (e.g. ${[...types][0]}1)`,
      );
    }
    fields[name as keyof ReminderFields] = key;
  }
  if (!fields.title || !fields.startsAt) throw problem('must map both title and startsAt');
  const keys = Object.values(fields);
  if (new Set(keys).size !== keys.length) throw problem('maps two fields to one key');
  return fields as ReminderFields;
}

// ---- Runs.

/** What a run would do now, without claiming or sending anything (the dry run reads this). */
export async function planReminders(deps: ReminderDeps): Promise<ReminderPlan> {
  const at = (deps.now ?? Date.now)();
  const lives = (await deps.catalogue.listLives())
    .filter((live) => isReminderDue(live, at))
    .sort((a, b) => liveWindow(a).start - liveWindow(b).start || (a.id < b.id ? -1 : 1));
  const due = await Promise.all(
    lives.map(async (live) => ({ live, reminders: await deps.state.listReminders(live.id) })),
  );
  const planned = due.flatMap(({ live, reminders }) =>
    reminders
      .filter((reminder) => reminder.state === 'pending')
      .map((reminder) => ({
        reminder,
        live,
        message: reminderMessage(live, reminder.openid, deps.template),
      })),
  );
  const considered = due.reduce((sum, { reminders }) => sum + reminders.length, 0);
  return {
    at: new Date(at).toISOString(),
    due,
    planned,
    considered,
    skipped: considered - planned.length,
  };
}

function describeAnswer(answer: SendAnswer): string {
  const errmsg = answer.errmsg ? `: ${answer.errmsg}` : '';
  if (answer.errcode === ERRCODE_REFUSED) {
    return `refused (errcode ${ERRCODE_REFUSED}): the visitor declined or their one-off permission was used${errmsg}`;
  }
  return `errcode ${answer.errcode}${errmsg}`;
}

/** Sends every due pending reminder once; a second run, or one racing this one, sends none again. */
export async function sendReminders(
  deps: ReminderDeps & { send: SendMessage },
): Promise<ReminderRun> {
  const now = deps.now ?? Date.now;
  const plan = await planReminders(deps);
  const outcomes: ReminderOutcome[] = [];
  const record = (
    { reminder, live }: Pick<PlannedReminder, 'reminder' | 'live'>,
    result: ReminderOutcome['result'],
    error?: string,
  ): void => {
    const { _id: reminderId, openid } = reminder;
    outcomes.push({ reminderId, liveId: live.id, openid, result, ...(error ? { error } : {}) });
  };
  for (const { live, reminders } of plan.due) {
    for (const reminder of reminders) {
      if (reminder.state !== 'pending') record({ reminder, live }, 'skipped');
    }
  }

  let halted: string | undefined;
  const finish = async (item: PlannedReminder, state: 'sent' | 'failed', error?: string) => {
    const at = new Date(now()).toISOString();
    await deps.state.finishReminder(item.reminder._id, { state, at, ...(error ? { error } : {}) });
    record(item, state, error);
  };

  const deliver = async (item: PlannedReminder) => {
    if (halted) return record(item, 'deferred');
    if (!(await deps.state.claimReminder(item.reminder._id, new Date(now()).toISOString()))) {
      return record(item, 'skipped');
    }
    const lateAfter = liveWindow(item.live).start + REMINDER_GRACE_MINUTES * MINUTE;
    if (now() >= lateAfter) {
      return finish(item, 'failed', `too late: the live started at ${item.live.startsAt}`);
    }
    let answer: SendAnswer;
    try {
      answer = await deps.send(item.message);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      halted ??= `the send failed: ${reason}`;
      return finish(item, 'failed', `not sent: ${reason}`);
    }
    if (answer.errcode === 0) return finish(item, 'sent');
    if (answer.errcode < 0 || SETUP_ERRCODES.has(answer.errcode)) {
      halted ??= `WeChat refused our setup (${describeAnswer(answer)})`;
    }
    return finish(item, 'failed', describeAnswer(answer));
  };

  // A few workers over one queue; a fault of the store ends the run once every worker has stopped.
  const queue = [...plan.planned];
  let fault: unknown;
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      try {
        await deliver(item);
      } catch (error) {
        fault ??= error;
        halted ??= 'the live state could not be read or written';
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  if (fault !== undefined) throw fault;

  const count = (result: ReminderOutcome['result']) =>
    outcomes.filter((outcome) => outcome.result === result).length;
  return {
    at: plan.at,
    considered: plan.considered,
    sent: count('sent'),
    failed: count('failed'),
    skipped: count('skipped'),
    deferred: count('deferred'),
    ...(halted ? { halted } : {}),
    outcomes,
  };
}

// ---- The timer-triggered cloud function.

export interface RemindersMainDeps extends Omit<ReminderDeps, 'template'> {
  send: SendMessage;
  /** Read on each run, so a missing setting is reported by the run rather than at load. */
  template: () => ReminderTemplate;
  /** The caller's OPENID: a timer trigger has none, a mini program calling the function has one. */
  caller: (context: unknown) => string | undefined;
  logError?: (error: unknown) => void;
}

/** The `reminders` function: one run per timer tick, answering the run's counts in the envelope. */
export function createRemindersMain(deps: RemindersMainDeps) {
  return envelopeMain<ReminderReport>(async (_event, context) => {
    if (deps.caller(context)) {
      throw permissionDenied('直播提醒由定时触发器发送，小程序不能直接调用 reminders 函数。');
    }
    // Counts only: the outcomes name visitors, and the answer ends up in the function's logs.
    const { outcomes: _outcomes, ...report } = await sendReminders({
      ...deps,
      template: deps.template(),
    });
    return report;
  }, deps.logError);
}
