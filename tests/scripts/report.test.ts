import { spawn } from 'child_process';
import path from 'path';
import { loadCatalogue } from '../../backend/content/load';
import { summarize } from '../../backend/functions/stats';
import type { StatsSummary } from '../../miniprogram/types/api';
import { buildReport } from '../../scripts/lib/report/build';
import { demoEvents, recordDemoEvents } from '../../scripts/lib/report/demo-events';
import { ReportError } from '../../scripts/lib/report/errors';
import type { ReportCatalogue } from '../../scripts/lib/report/figures';
import { readReportSettings } from '../../scripts/lib/report/settings';
import { parseSummary } from '../../scripts/lib/report/summary-file';
import { tempDir } from '../support/temp';

const ROOT = path.resolve(__dirname, '../..');

// ---- A small museum, written by hand.

const artwork = (id: string, number: string, zh: string, duration: number, cues: string[]) => ({
  id,
  number,
  title: { zh, original: id },
  artist: { name: { zh: '某画家', original: 'A Painter' } },
  audio: { duration },
  // Cues as a narration has them: one per sentence, with short pauses between.
  transcript: cues.map((text, index) => ({
    start: index === 0 ? 0.2 : ([7.2, 14.3, 22][index - 1] ?? 0),
    end: [6.8, 13.9, 21.5, 29.6][index] ?? duration,
    text,
  })),
  published: true,
});

const CATALOGUE: ReportCatalogue = {
  artworks: [
    artwork('guitar', '501', '吉他手', 30, [
      '第一句：吉他手。',
      '第二句：颜色。',
      '第三句：立体主义的碎片。',
      '第四句：结束。',
    ]),
    artwork('quiet', '502', '无人问津', 30, ['唯一的一句。']),
    artwork('sky', '503', '天蓝', 30, ['天空。', '云。', '飞翔的形状。', '再见。']),
  ],
  exhibitions: [
    {
      id: 'hall-one',
      title: '一号厅',
      venue: '美术馆',
      city: '上海',
      published: true,
      works: [{ artworkId: 'guitar' }, { artworkId: 'quiet' }],
    },
    {
      id: 'hall-two',
      title: '二号厅',
      venue: '美术馆',
      city: '北京',
      published: true,
      works: [{ artworkId: 'guitar' }, { artworkId: 'sky' }],
    },
    {
      id: 'draft',
      title: '筹备中',
      venue: '美术馆',
      city: '巴黎',
      published: false,
      works: [{ artworkId: 'sky' }],
    },
  ],
};

/**
 * 吉他手 (30 s, 7 slices of 5 s): 40 plays, 20 finished (their furthest is the end: slice 6).
 * Leavers per slice, finishers taken off the end: [2, 0, 1, 14, 1, 0, 2]. Sentences run from
 * their start to the next one's: 1 [0, 7.2), 2 [7.2, 14.3), 3 [14.3, 22), 4 [22, end).
 *   1: 2 (slice 0)                              = 2
 *   2: 1 × 4.3/5 (slice 2)                      = 0.86
 *   3: 1 × 0.7/5 + 14 (slice 3) + 1 × 2/5       = 14.54   ← listeners leave here
 *   4: 1 × 3/5 + 2 (slice 6)                    = 2.6
 */
const SUMMARY: StatsSummary = {
  works: [
    { artworkId: 'sky', plays: 10, finishes: 9, seconds: 280, dropoff: [1, 0, 0, 0, 0, 0, 9] },
    { artworkId: 'ghost-work', plays: 5, finishes: 1, seconds: 40, dropoff: [2, 2, 0, 0, 0, 0, 1] },
    {
      artworkId: 'guitar',
      plays: 40,
      finishes: 20,
      seconds: 800,
      dropoff: [2, 0, 1, 14, 1, 0, 22],
    },
  ],
};

const html = buildReport({
  summary: SUMMARY,
  catalogue: CATALOGUE,
  period: { from: '2026-10-01', to: '2026-10-31' },
  source: '测试',
  generatedAt: new Date('2026-11-01T02:00:00Z'),
});

// ---- Reading the page back as a curator would.

const stripTags = (fragment: string) =>
  fragment
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

interface Row {
  id: string;
  text: string;
  plays: number;
  finishes: number;
  completion: string;
}

function rows(kind: 'work' | 'exhibition'): Row[] {
  const pattern = new RegExp(`<tr data-${kind}="([^"]+)"[^>]*>([\\s\\S]*?)</tr>`, 'g');
  return [...html.matchAll(pattern)].map(([, id = '', cells = '']) => ({
    id,
    text: stripTags(cells),
    plays: Number(/data-plays>(\d+)</.exec(cells)?.[1]),
    finishes: Number(/data-finishes>(\d+)</.exec(cells)?.[1]),
    completion: stripTags(/<td class="completion"[^>]*>([\s\S]*?)<\/td>/.exec(cells)?.[1] ?? ''),
  }));
}

function narration(id: string): string {
  return (
    new RegExp(`<article class="narration"[^>]*data-work="${id}">([\\s\\S]*?)</article>`).exec(
      html,
    )?.[1] ?? ''
  );
}

describe('the listening report page', () => {
  it('ranks the works by plays with their completion, a work nobody played last', () => {
    expect(rows('work').map(({ id, plays, completion }) => [id, plays, completion])).toEqual([
      ['guitar', 40, '50%'],
      ['sky', 10, '90%'],
      ['ghost-work', 5, '20%'],
      ['quiet', 0, '—'],
    ]);
    expect(rows('work')[0]?.text).toContain('《吉他手》');
  });

  it("gives each exhibition the sum of its works' figures, ranked, unpublished ones left out", () => {
    const works = new Map(rows('work').map((row) => [row.id, row]));
    const exhibitions = rows('exhibition');
    expect(exhibitions.map((row) => row.id)).toEqual(['hall-two', 'hall-one']);
    for (const row of exhibitions) {
      const members =
        CATALOGUE.exhibitions?.find((exhibition) => exhibition.id === row.id)?.works ?? [];
      const sum = (pick: (work: Row) => number) =>
        members.reduce((total, { artworkId }) => total + pick(works.get(artworkId) as Row), 0);
      expect(row.plays).toBe(sum((work) => work.plays));
      expect(row.finishes).toBe(sum((work) => work.finishes));
    }
    expect(exhibitions.map(({ plays, completion }) => [plays, completion])).toEqual([
      [50, '58%'],
      [40, '50%'],
    ]);
  });

  it('draws each narration as an inline ECharts SVG with one mark per sentence of its transcript', () => {
    const section = narration('guitar');
    const svg = /<svg[\s\S]*?<\/svg>/.exec(section)?.[0] ?? '';
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toMatch(/class="n\d+-cls-/); // zrender's classes, renamed per chart
    const marks = [...svg.matchAll(/data-sentence="(\d+)"[^>]*><title>([^<]*)<\/title>/g)];
    expect(marks.map(([, number]) => number)).toEqual(['1', '2', '3', '4']);
    expect(marks[2]?.[2]).toContain('第三句：立体主义的碎片。');
    expect(section.match(/<li data-sentence=/g)).toHaveLength(4);
  });

  it('highlights the sentence most listeners leave during, not the end where they finish', () => {
    const section = narration('guitar');
    const leaving = [...section.matchAll(/data-sentence="(\d+)" data-leaving="true"/g)];
    expect(leaving.map(([, number]) => number)).toEqual(['3']);
    expect(/<li data-sentence="3" class="leaving">([\s\S]*?)<\/li>/.exec(section)?.[1]).toContain(
      '第三句：立体主义的碎片。',
    );
    expect(
      stripTags(/<p class="leaving-callout">([\s\S]*?)<\/p>/.exec(section)?.[1] ?? ''),
    ).toContain(
      '听众在这里离开： 第 3 句（0:14）“第三句：立体主义的碎片。” —— 这句话期间离开 15 人，占播放的 36%',
    );
  });

  it('lists a work the catalogue does not know as unknown, outside every exhibition', () => {
    expect(rows('work').find((row) => row.id === 'ghost-work')?.text).toContain('未知作品');
    expect(html).toMatch(/<li data-unknown="ghost-work">/);
    expect(html).not.toMatch(
      /data-work="ghost-work"><\/article>|<article[^>]*data-work="ghost-work"/,
    );
  });

  it('opens offline: no external script, style, font or image', () => {
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|url\(\s*['"]?https?:|<img/);
    expect(html).toMatch(/font-family:[^;]*PingFang SC[^;]*Noto Sans CJK SC/);
  });
});

describe('npm run report arguments', () => {
  it('refuses a period that ends before it starts, and dates that are not days', () => {
    const settings =
      (...argv: string[]) =>
      () =>
        readReportSettings(argv);
    expect(settings('--from', '2026-10-31', '--to', '2026-10-01')).toThrow(
      new ReportError(
        '--from 2026-10-31 is after --to 2026-10-01: the period must start before it ends.',
      ),
    );
    for (const bad of ['2026-13-01', '2026-02-30', '20261001', 'yesterday']) {
      expect(settings('--to', bad)).toThrow(
        /--to must be a date written YYYY-MM-DD, such as 2026-10-01/,
      );
    }
    expect(readReportSettings(['--to', '2026-10-31'])).toEqual({
      source: { kind: 'local' },
      period: { from: '2026-10-02', to: '2026-10-31' },
    });
  });

  it('says so and stops, with no stack trace, when run with bad dates', async () => {
    const run = await new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(
        'npx',
        ['tsx', 'scripts/report.ts', '--from', '2026-11-01', '--to', '2026-10-01'],
        {
          cwd: ROOT,
          timeout: 60_000,
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stderr }));
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      '--from 2026-11-01 is after --to 2026-10-01: the period must start before it ends.',
    );
  }, 30_000);

  it('reads a summary saved from CloudBase: the data, the envelope or callFunction’s result', () => {
    const data = {
      works: [{ artworkId: 'guitar', plays: 1, finishes: 1, seconds: 30, dropoff: [0, 1] }],
    };
    expect(parseSummary(data, 'a.json')).toEqual(data);
    expect(parseSummary({ ok: true, data }, 'a.json')).toEqual(data);
    expect(
      parseSummary({ result: { ok: true, data }, errMsg: 'cloud.callFunction:ok' }, 'a.json'),
    ).toEqual(data);
    expect(() =>
      parseSummary(
        { ok: false, error: { code: 'PERMISSION_DENIED', message: '只有馆方工作人员可以查看' } },
        'a.json',
      ),
    ).toThrow(/error answer, not a summary: PERMISSION_DENIED/);
    expect(() => parseSummary({ works: [{ artworkId: 'x', plays: -1 }] }, 'a.json')).toThrow(
      /not a stats summary at works\.0\.plays/,
    );
  });
});

describe('the demo month', () => {
  it('is the same every run and goes through the stats function as any phone’s events', async () => {
    const catalogue = await loadCatalogue(path.join(ROOT, 'content'));
    const period = { from: '2026-10-05', to: '2026-10-06' };
    const events = demoEvents(catalogue, period);
    expect(demoEvents(catalogue, period)).toEqual(events);
    expect(new Set(events.map((event) => event.artworkId)).size).toBeGreaterThan(5);
    const store = await recordDemoEvents(await tempDir('report-demo-'), catalogue, events);
    expect(store.accepted).toBe(events.length);
    const summary = await summarize(store.stats, period.from, period.to);
    expect(summary.works.reduce((total, work) => total + work.plays, 0)).toBe(events.length);
    expect(summary.works.reduce((total, work) => total + work.finishes, 0)).toBe(
      events.filter((event) => event.finished).length,
    );
  }, 20_000);
});
