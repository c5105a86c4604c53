import { promises as fs } from 'fs';
import { z } from 'zod';
import type { StatsSummary } from '../../../miniprogram/types/api';
import { ReportError } from './errors';

const count = z.number().int().nonnegative();
const summarySchema = z.object({
  works: z.array(
    z.object({
      artworkId: z.string().min(1),
      plays: count,
      finishes: count,
      seconds: z.number().nonnegative(),
      dropoff: z.array(count),
    }),
  ),
});

const HOW_TO =
  'Save the data of the stats function\'s { "action": "summary", "from": …, "to": … } answer (or its whole { "ok": true, "data": … } envelope) as JSON.';

/**
 * A summary fetched from CloudBase: the answer's `data`, the whole envelope, or what
 * `wx.cloud.callFunction` resolves with (`{ result: envelope }`).
 */
export async function readSummaryFile(file: string): Promise<StatsSummary> {
  const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ReportError(`Cannot read --summary ${file}: ${error.code ?? error.message}.`);
  });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ReportError(`--summary ${file} is not JSON. ${HOW_TO}`);
  }
  return parseSummary(raw, file);
}

export function parseSummary(raw: unknown, file: string): StatsSummary {
  let value = raw;
  if (isObject(value) && 'result' in value) value = value.result;
  if (isObject(value) && value.ok === false) {
    const error = isObject(value.error) ? value.error : {};
    throw new ReportError(
      `--summary ${file} holds an error answer, not a summary: ${String(error.code ?? '')} ${String(error.message ?? '')}`.trim(),
    );
  }
  if (isObject(value) && value.ok === true) value = value.data;
  const parsed = summarySchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new ReportError(
      `--summary ${file} is not a stats summary${where}: ${issue?.message ?? 'unexpected shape'}. ${HOW_TO}`,
    );
  }
  return parsed.data;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
