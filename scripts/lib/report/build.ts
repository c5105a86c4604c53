import type { StatsSummary } from '../../../miniprogram/types/api';
import { clock, dropoffSvg, escapeXml as escape, playsSvg } from './charts';
import {
  exhibitionRows,
  leaversBySlice,
  leavingSentence,
  rate,
  remainingCurve,
  sentencesWithLeavers,
  workRows,
  type ExhibitionRow,
  type ReportCatalogue,
  type WorkRow,
} from './figures';
import type { Period } from './settings';

export interface ReportInput {
  summary: StatsSummary;
  catalogue: ReportCatalogue;
  /** Null when the source does not say which days it covers. */
  period: Period | null;
  /** Where the figures come from, in Chinese, shown under the title. */
  source: string;
  generatedAt: Date;
}

const FONTS =
  '"PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif';

/** The curator's report: one self-contained HTML page, charts inline as SVG, nothing fetched. */
export function buildReport(input: ReportInput): string {
  const works = workRows(input.summary, input.catalogue);
  const exhibitions = exhibitionRows(works, input.catalogue);
  const unknown = works.filter((row) => !row.artwork);
  const played = works.filter((row) => row.artwork && row.plays > 0);
  const period = input.period
    ? `${input.period.from} 至 ${input.period.to}（北京时间）`
    : '未注明（导出文件里没有日期范围）';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>收听报告 · ${escape(period)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>蓬皮杜导览 · 收听报告</h1>
<p class="meta">统计期间：${escape(period)} · 数据来源：${escape(input.source)} · 生成于 ${shanghaiTime(input.generatedAt)}</p>
${totals(works)}
</header>
<main>
${exhibitionSection(exhibitions)}
${workSection(works)}
<section id="narrations">
<h2>讲解留存曲线</h2>
<p class="note">每条曲线是播放后仍在收听的听众占比（每 5 秒一格：播放次数减去最远听到这一格及之前的次数）。色带是讲解稿的句子，悬停可看原句；橙色是中途离开最多的一句，听完的听众不算离开。</p>
${played.length > 0 ? played.map((row, index) => narration(row, index)).join('\n') : '<p class="empty">这段时间没有收听记录。</p>'}
</section>
${unknownSection(unknown)}
</main>
<footer>听完率 = 听完次数 ÷ 播放次数；展览的数字是它所有作品之和（同一作品在几个展览里都算）。统计不含任何访客身份。</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function totals(works: WorkRow[]): string {
  const plays = sum(works, (row) => row.plays);
  const finishes = sum(works, (row) => row.finishes);
  const seconds = sum(works, (row) => row.seconds);
  const listened = works.filter((row) => row.plays > 0).length;
  return `<dl class="totals">
<div><dt>播放</dt><dd data-total="plays">${plays}</dd></div>
<div><dt>听完</dt><dd data-total="finishes">${finishes}</dd></div>
<div><dt>听完率</dt><dd>${percent(finishes, plays)}</dd></div>
<div><dt>收听总时长</dt><dd>${duration(seconds)}</dd></div>
<div><dt>有人听的作品</dt><dd>${listened} / ${works.length}</dd></div>
</dl>`;
}

function exhibitionSection(rows: ExhibitionRow[]): string {
  if (rows.length === 0) return '';
  const body = rows
    .map(
      (row, index) => `<tr data-exhibition="${escape(row.exhibition.id)}">
<td class="rank">${index + 1}</td><td>${escape(row.exhibition.title)}</td><td>${escape(row.exhibition.venue)} · ${escape(row.exhibition.city)}</td>
<td class="number">${row.works}</td><td class="number" data-plays>${row.plays}</td><td class="number" data-finishes>${row.finishes}</td>${completionCell(row.finishes, row.plays)}
</tr>`,
    )
    .join('\n');
  return `<section id="exhibitions">
<h2>展览排行</h2>
<table>
<thead><tr><th>排名</th><th>展览</th><th>场馆</th><th>作品</th><th>播放</th><th>听完</th><th>听完率</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</section>`;
}

function workSection(rows: WorkRow[]): string {
  const body = rows
    .map(
      (
        row,
        index,
      ) => `<tr data-work="${escape(row.artworkId)}"${row.artwork ? '' : ' class="unknown"'}>
<td class="rank">${index + 1}</td><td class="number">${escape(row.artwork?.number ?? '—')}</td><td>${workName(row)}</td>
<td class="number" data-plays>${row.plays}</td><td class="number" data-finishes>${row.finishes}</td>${completionCell(row.finishes, row.plays)}
<td class="number">${row.plays > 0 ? clock(row.seconds / row.plays) : '—'}</td>
</tr>`,
    )
    .join('\n');
  const bars = rows.map((row) => ({
    label: row.artwork ? `《${row.artwork.title.zh}》` : `未知作品 ${row.artworkId}`,
    plays: row.plays,
    finishes: row.finishes,
  }));
  return `<section id="works">
<h2>作品排行</h2>
<figure class="chart">${playsSvg('plays', bars)}</figure>
<table>
<thead><tr><th>排名</th><th>展签</th><th>作品</th><th>播放</th><th>听完</th><th>听完率</th><th>平均收听</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</section>`;
}

function narration(row: WorkRow, index: number): string {
  const artwork = row.artwork;
  if (!artwork) return '';
  const leavers = leaversBySlice(row.dropoff, row.finishes);
  const sentences = sentencesWithLeavers(artwork.transcript, leavers);
  const leaving = leavingSentence(sentences);
  const svg = dropoffSvg({
    id: `n${index + 1}`,
    label: `《${artwork.title.zh}》讲解的听众留存`,
    curve: remainingCurve(row.plays, row.dropoff, artwork.audio?.duration ?? null),
    duration: artwork.audio?.duration ?? 0,
    sentences,
    leaving,
  });
  const worst = leaving === null ? undefined : sentences[leaving];
  const callout = worst
    ? `<p class="leaving-callout"><strong>听众在这里离开：</strong>第 ${(leaving ?? 0) + 1} 句（${clock(worst.start)}）“${escape(worst.text)}” —— 这句话期间离开 ${formatCount(worst.left)} 人，占播放的 ${percent(worst.left, row.plays)}。</p>`
    : '<p class="leaving-callout none">没有听众中途离开。</p>';
  const list = sentences
    .map(
      (sentence, at) =>
        `<li data-sentence="${at + 1}"${at === leaving ? ' class="leaving"' : ''}><span class="time">${clock(sentence.start)}</span><span class="text">${escape(sentence.text)}</span><span class="left">${Math.round(sentence.left) > 0 ? `离开 ${formatCount(sentence.left)} 人` : ''}</span></li>`,
    )
    .join('\n');
  return `<article class="narration" id="work-${escape(row.artworkId)}" data-work="${escape(row.artworkId)}">
<h3>${workName(row)}</h3>
<p class="meta">播放 ${row.plays} 次 · 听完 ${row.finishes} 次（${percent(row.finishes, row.plays)}）· 平均收听 ${clock(row.seconds / row.plays)} / 讲解 ${clock(artwork.audio?.duration ?? 0)}</p>
<figure class="chart">${svg}</figure>
${callout}
${sentences.length > 0 ? `<ol class="sentences" data-for="n${index + 1}">\n${list}\n</ol>` : '<p class="empty">这件作品没有讲解稿。</p>'}
</article>`;
}

function unknownSection(rows: WorkRow[]): string {
  if (rows.length === 0) return '';
  const items = rows
    .map(
      (row) =>
        `<li data-unknown="${escape(row.artworkId)}"><code>${escape(row.artworkId)}</code>：播放 ${row.plays} 次，听完 ${row.finishes} 次</li>`,
    )
    .join('\n');
  return `<section id="unknown">
<h2>未知作品</h2>
<p class="note">统计里有 ${rows.length} 件作品不在当前的内容目录中（可能已删除或改了 id）；它们计入总数和作品排行，但不属于任何展览，也没有讲解稿可对照。</p>
<ul>
${items}
</ul>
</section>`;
}

function workName(row: WorkRow): string {
  const artwork = row.artwork;
  if (!artwork)
    return `<span class="unknown-work">未知作品 <code>${escape(row.artworkId)}</code></span>`;
  const hidden = artwork.published ? '' : '<span class="tag">未发布</span>';
  return `《${escape(artwork.title.zh)}》<span class="artist">${escape(artwork.artist.name.zh)}</span>${hidden}`;
}

function completionCell(finishes: number, plays: number): string {
  const value = rate(finishes, plays);
  const width = value === null ? 0 : Math.round(value * 100);
  return `<td class="completion" data-completion><span class="bar" style="width:${width}%"></span><span>${percent(finishes, plays)}</span></td>`;
}

export function percent(part: number, whole: number): string {
  const value = rate(part, whole);
  return value === null ? '—' : `${Math.round(value * 100)}%`;
}

/** Leavers shared between sentences are fractions: a curator reads whole listeners. */
function formatCount(count: number): string {
  return String(Math.round(count));
}

function duration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return minutes >= 60 ? `${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分` : `${minutes} 分钟`;
}

function sum(rows: WorkRow[], pick: (row: WorkRow) => number): number {
  return rows.reduce((total, row) => total + pick(row), 0);
}

function shanghaiTime(date: Date): string {
  return new Date(date.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#f4f6f9;color:#1f2d3d;font:15px/1.6 ${FONTS}}
header,main,footer{max-width:1120px;margin:0 auto;padding:0 24px}
header{padding-top:28px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:20px;margin:32px 0 12px}
h3{font-size:17px;margin:0 0 2px}
.meta,.note,footer{color:#5b6678;font-size:13px}
footer{padding-bottom:32px}
.totals{display:flex;gap:12px;margin:18px 0 0;padding:0}
.totals div{flex:1;background:#fff;border-radius:8px;padding:10px 14px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.totals dt{color:#5b6678;font-size:13px}
.totals dd{margin:0;font-size:24px;font-weight:600}
section>table,.narration,figure.chart{background:#fff;border-radius:8px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
figure.chart{margin:0 0 12px;padding:12px}
figure.chart svg{display:block;max-width:100%;height:auto}
table{width:100%;border-collapse:collapse}
th,td{padding:7px 12px;text-align:left;border-bottom:1px solid #edf0f4}
th{font-weight:600;color:#5b6678;font-size:13px}
td.number,td.rank{text-align:right;font-variant-numeric:tabular-nums}
td.completion{position:relative;width:150px}
td.completion .bar{position:absolute;left:12px;top:9px;bottom:9px;max-width:calc(100% - 24px);background:#dbe4f3;border-radius:3px}
td.completion span:last-child{position:relative}
.artist{color:#5b6678;margin-left:6px}
.tag{margin-left:6px;padding:0 6px;border-radius:4px;background:#fde7d9;color:#c2410c;font-size:12px}
tr.unknown,.unknown-work{color:#c2410c}
.narration{padding:16px 16px 8px;margin:0 0 20px}
.narration figure.chart{box-shadow:none;padding:0}
.leaving-callout{margin:4px 0 8px;padding:8px 12px;background:#fff3eb;border-left:4px solid #c2410c;border-radius:4px}
.leaving-callout.none{background:#f1f6ef;border-color:#5b8c51}
ol.sentences{list-style:none;margin:0;padding:0;columns:2;column-gap:24px;font-size:13px}
ol.sentences li{display:flex;gap:8px;padding:3px 6px;border-radius:4px;break-inside:avoid}
ol.sentences li.leaving{background:#fbd5bd;font-weight:600}
ol.sentences li.hover{background:#e3eaf5}
ol.sentences .time{color:#8a94a6;font-variant-numeric:tabular-nums;min-width:34px}
ol.sentences .text{flex:1}
ol.sentences .left{color:#c2410c;white-space:nowrap}
svg [data-sentence]{cursor:help}
svg [data-sentence]:hover,svg [data-sentence].hover{fill:#d3def0}
svg [data-leaving]:hover,svg [data-leaving].hover{fill:#f8b98f}
.empty{color:#8a94a6}
@media print{body{background:#fff}ol.sentences{columns:1}}
`;

/** Hovering a sentence's band lights its line in the list below, and the other way round. */
const SCRIPT = `
document.querySelectorAll('article.narration').forEach(function (article) {
  var marks = article.querySelectorAll('[data-sentence]');
  function light(n, on) {
    marks.forEach(function (el) { if (el.getAttribute('data-sentence') === n) el.classList.toggle('hover', on); });
  }
  marks.forEach(function (el) {
    var n = el.getAttribute('data-sentence');
    el.addEventListener('mouseenter', function () { light(n, true); });
    el.addEventListener('mouseleave', function () { light(n, false); });
  });
});
`;
