/**
 * The curator's listening report: plays and completion per work and exhibition, and where along
 * each narration listeners leave, as one self-contained page that opens offline.
 *
 *   npm run report -- [--from YYYY-MM-DD] [--to YYYY-MM-DD]      the local host's statistics
 *   npm run report -- --summary <file.json> [--from …] [--to …]  a summary fetched from CloudBase
 *   npm run report -- --demo-month [--png docs/report.png]       a generated month, in a temporary store
 *
 * Writes dist/report/index.html (--out another file); the period defaults to the last 30 days.
 */
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { performance } from 'perf_hooks';
import { ContentError, loadCatalogue, type LoadedCatalogue } from '../backend/content/load';
import { summarize } from '../backend/functions/stats';
import { CONTENT_DIR, ROOT_DIR, VISITORS_FILE } from '../backend/host/local';
import { NedbStats } from '../backend/repository/nedb-stats';
import type { StatsSummary } from '../miniprogram/types/api';
import { buildReport } from './lib/report/build';
import { demoEvents, recordDemoEvents } from './lib/report/demo-events';
import { ReportError } from './lib/report/errors';
import { DEMO_PERIOD, readReportSettings, type ReportSettings } from './lib/report/settings';
import { screenshotReport } from './lib/report/screenshot';
import { readSummaryFile } from './lib/report/summary-file';

interface Sourced {
  summary: StatsSummary;
  source: string;
}

/** Relative to where the command runs, unless that climbs out of it. */
const shown = (file: string) => {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
};

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(2)} s`;

async function summaryOf(settings: ReportSettings, catalogue: LoadedCatalogue): Promise<Sourced> {
  const period = settings.period ?? DEMO_PERIOD;
  if (settings.source.kind === 'file') {
    return {
      summary: await readSummaryFile(settings.source.file),
      source: `CloudBase 导出（${path.basename(settings.source.file)}）`,
    };
  }
  if (settings.source.kind === 'local') {
    const dir = path.dirname(VISITORS_FILE);
    return {
      summary: await summarize(new NedbStats(dir), period.from, period.to),
      source: `本地存储（${path.relative(ROOT_DIR, dir) || dir}）`,
    };
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pompidou-report-demo-'));
  try {
    const started = performance.now();
    const events = demoEvents(catalogue, period);
    const store = await recordDemoEvents(dir, catalogue, events);
    console.log(
      `Demo: ${store.events} events generated, ${store.accepted} accepted by the stats function (${seconds(started)})`,
    );
    return {
      summary: await summarize(store.stats, period.from, period.to),
      source: '演示数据（为已提交的内容随机生成的一个月收听记录，并非真实访客）',
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const settings = readReportSettings(process.argv.slice(2));
  const catalogue = await loadCatalogue(CONTENT_DIR);
  const { summary, source } = await summaryOf(settings, catalogue);
  const started = performance.now();
  const html = buildReport({
    summary,
    catalogue,
    period: settings.period,
    source,
    generatedAt: new Date(),
  });
  const file = path.resolve(settings.out ?? path.join(ROOT_DIR, 'dist', 'report', 'index.html'));
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, html);
  const plays = summary.works.reduce((total, work) => total + work.plays, 0);
  console.log(
    `${shown(file)}: ${Buffer.byteLength(html)} bytes, ${summary.works.length} works, ${plays} plays (built in ${seconds(started)})`,
  );
  if (settings.png) {
    const picture = await screenshotReport(file, path.resolve(settings.png));
    console.log(
      `${settings.png}: ${picture.width}×${picture.height}, ${picture.bytes} bytes` +
        (picture.blocked.length > 0 ? `; the page asked for ${picture.blocked.join(', ')}` : ''),
    );
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ReportError || error instanceof ContentError;
  console.error(known ? error.message : error);
  process.exit(1);
});
