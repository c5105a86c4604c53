import { parseArgs } from 'util';
import { ReportError } from './errors';

export type ReportSource =
  /** The local host's stats store. */
  | { kind: 'local' }
  /** A `summary` answer fetched from CloudBase and saved to a file. */
  | { kind: 'file'; file: string }
  /** A month of generated events in a temporary store. */
  | { kind: 'demo' };

export interface Period {
  from: string;
  to: string;
}

export interface ReportSettings {
  source: ReportSource;
  /** Null for a saved summary without --from/--to: the file does not say which days it covers. */
  period: Period | null;
  /** --out: the page instead of dist/report/index.html. */
  out?: string;
  /** --png: also a picture of the page, taken with headless Chromium. */
  png?: string;
}

/** The month the demo events fall in: the touring exhibition is open then. */
export const DEMO_PERIOD: Period = { from: '2026-10-01', to: '2026-10-31' };
const DEFAULT_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export const USAGE =
  'Usage: npm run report -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--summary <file.json> | --demo-month] [--out <file.html>] [--png <file.png>]';

/** Command line of `npm run report`, checked before anything is read. */
export function readReportSettings(argv: readonly string[], now = Date.now()): ReportSettings {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        summary: { type: 'string' },
        'demo-month': { type: 'boolean' },
        out: { type: 'string' },
        png: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new ReportError(`${(error as Error).message}. ${USAGE}`);
  }
  if (values.summary !== undefined && values['demo-month']) {
    throw new ReportError(
      `--summary and --demo-month are two different sources: pick one. ${USAGE}`,
    );
  }
  const summaryFile = values.summary?.trim();
  if (values.summary !== undefined && !summaryFile) {
    throw new ReportError(`--summary needs the path of a JSON file. ${USAGE}`);
  }
  const source: ReportSource = summaryFile
    ? { kind: 'file', file: summaryFile }
    : values['demo-month']
      ? { kind: 'demo' }
      : { kind: 'local' };
  const from = values.from === undefined ? undefined : checkedDate('--from', values.from);
  const to = values.to === undefined ? undefined : checkedDate('--to', values.to);
  const period = periodOf(source, from, to, now);
  const out = values.out?.trim();
  const png = values.png?.trim();
  return { source, period, ...(out ? { out } : {}), ...(png ? { png } : {}) };
}

function periodOf(
  source: ReportSource,
  from: string | undefined,
  to: string | undefined,
  now: number,
): Period | null {
  if (!from && !to) {
    if (source.kind === 'file') return null;
    if (source.kind === 'demo') return DEMO_PERIOD;
  }
  const end = to ?? todayInShanghai(now);
  const start = from ?? addDays(end, 1 - DEFAULT_DAYS);
  if (start > end) {
    const named = to ? `--to ${to}` : `today (${end}, Asia/Shanghai)`;
    throw new ReportError(
      `--from ${start} is after ${named}: the period must start before it ends.`,
    );
  }
  return { from: start, to: end };
}

/** A real calendar day written YYYY-MM-DD. */
export function checkedDate(flag: string, raw: string): string {
  const value = raw.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new ReportError(
      `${flag} must be a date written YYYY-MM-DD, such as 2026-10-01; "${raw}" is not.`,
    );
  }
  return value;
}

export function todayInShanghai(now: number): string {
  return new Date(now + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
