import * as echarts from 'echarts';
import { SLICE_SECONDS, type Sentence } from './figures';

/** Unquoted: ECharts writes it into a double-quoted style attribute of the SVG. */
export const CHART_FONTS =
  'PingFang SC, Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, sans-serif';

const INK = '#1f2d3d';
const MUTED = '#8a94a6';
const CURVE = '#2f5d9e';
const LEAVE = '#c2410c';
const BANDS = ['#eef2f8', '#f8f9fb'];
const LEAVE_BAND = '#fbd5bd';

export const CHART_WIDTH = 1040;

export interface DropoffChart {
  /** Unique in the page: the chart's SVG ids and classes are prefixed with it. */
  id: string;
  label: string;
  curve: Array<[number, number]>;
  /** Seconds: the end of the time axis. */
  duration: number;
  sentences: readonly Sentence[];
  /** The sentence most listeners left during, highlighted. */
  leaving: number | null;
}

/**
 * The listeners remaining along a narration, with one band per sentence (from its start to the
 * next one's) that shows the sentence on hover; the band where most leave is drawn in orange.
 */
export function dropoffSvg(chart: DropoffChart): string {
  const end = Math.max(chart.duration, ...chart.curve.map(([seconds]) => seconds));
  const bands = chart.sentences.map((sentence, index) => {
    const leaving = index === chart.leaving;
    return [
      {
        xAxis: index === 0 ? 0 : sentence.start,
        itemStyle: { color: leaving ? LEAVE_BAND : BANDS[index % 2] },
        label: leaving
          ? {
              position: 'top',
              formatter: `${index + 1} · 听众在这里离开`,
              color: LEAVE,
              fontWeight: 'bold',
            }
          : { position: 'insideTop', formatter: String(index + 1), color: MUTED, fontSize: 11 },
      },
      { xAxis: chart.sentences[index + 1]?.start ?? end },
    ];
  }) as NonNullable<echarts.MarkAreaComponentOption['data']>;
  const svg = render(CHART_WIDTH, 300, {
    grid: { left: 56, right: 24, top: 40, bottom: 40 },
    xAxis: {
      type: 'value',
      min: 0,
      max: end,
      interval: 3 * SLICE_SECONDS,
      axisLabel: { formatter: (value: number) => clock(value), color: MUTED, showMaxLabel: false },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      interval: 25,
      name: '仍在收听',
      nameTextStyle: { color: MUTED, align: 'left' },
      axisLabel: { formatter: '{value}%', color: MUTED },
      splitLine: { lineStyle: { color: '#dde3ec', type: 'dashed' } },
    },
    series: [
      { type: 'line', data: [], markArea: { silent: false, data: bands } },
      {
        type: 'line',
        data: chart.curve,
        symbol: 'circle',
        symbolSize: 5,
        lineStyle: { color: CURVE, width: 2.5 },
        itemStyle: { color: CURVE },
        areaStyle: { color: 'rgba(47, 93, 158, 0.12)' },
        z: 5,
      },
    ],
  });
  return finish(svg, chart.id, chart.label, [
    {
      series: 0,
      mark: (index) => {
        const sentence = chart.sentences[index];
        if (!sentence) return null;
        const until = chart.sentences[index + 1]?.start ?? end;
        const leaving = index === chart.leaving ? ' data-leaving="true"' : '';
        return {
          attributes: `data-sentence="${index + 1}"${leaving}`,
          title: `第 ${index + 1} 句（${clock(sentence.start)}–${clock(until)}）${sentence.text}\n此句离开 ${Math.round(sentence.left)} 人`,
        };
      },
    },
    {
      series: 1,
      mark: (index) => {
        const point = chart.curve[index];
        return point ? { attributes: '', title: `${clock(point[0])} 仍在收听 ${point[1]}%` } : null;
      },
    },
  ]);
}

export interface PlaysBar {
  label: string;
  plays: number;
  finishes: number;
}

/** Plays per work, split into finished and left early, most played at the top. */
export function playsSvg(id: string, bars: readonly PlaysBar[]): string {
  const height = 70 + bars.length * 30;
  const svg = render(CHART_WIDTH, height, {
    grid: { left: 8, right: 56, top: 36, bottom: 24, containLabel: true },
    legend: { top: 0, right: 24, textStyle: { color: INK } },
    xAxis: {
      type: 'value',
      axisLabel: { color: MUTED },
      splitLine: { lineStyle: { color: '#dde3ec', type: 'dashed' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: bars.map((bar) => bar.label),
      axisLabel: { color: INK, fontSize: 13 },
      axisTick: { show: false },
    },
    series: [
      {
        name: '听完',
        type: 'bar',
        stack: 'plays',
        barWidth: 18,
        itemStyle: { color: CURVE },
        data: bars.map((bar) => bar.finishes),
      },
      {
        name: '中途离开',
        type: 'bar',
        stack: 'plays',
        itemStyle: { color: '#b8c6dd' },
        label: {
          show: true,
          position: 'right',
          color: INK,
          formatter: (params: { dataIndex: number }) => String(bars[params.dataIndex]?.plays ?? ''),
        },
        data: bars.map((bar) => bar.plays - bar.finishes),
      },
    ],
  });
  const title = (index: number) => {
    const bar = bars[index];
    if (!bar) return null;
    const completion = bar.plays > 0 ? `（${Math.round((bar.finishes / bar.plays) * 100)}%）` : '';
    return {
      attributes: '',
      title: `${bar.label}：播放 ${bar.plays} 次，听完 ${bar.finishes} 次${completion}`,
    };
  };
  return finish(svg, id, '各作品播放次数', [
    { series: 0, mark: title },
    { series: 1, mark: title },
  ]);
}

export function clock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

function render(width: number, height: number, option: echarts.EChartsOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONTS }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

interface Marking {
  series: number;
  /** What one data item of that series gets: extra attributes and a hover text. */
  mark: (dataIndex: number) => { attributes: string; title: string } | null;
}

const DATA_ELEMENT =
  /<(\w+)([^>]*?) ecmeta_series_index="(\d+)" ecmeta_data_index="(\d+)"( ecmeta_ssr_type="chart"[^>]*)><\/\1>/g;

/**
 * ECharts' static SVG, made to live inline among others: hover texts (<title>) on the marked
 * items, ids and classes prefixed with the chart's id (two charts' `zr0-c0` would clash), and the
 * server-rendering metadata left out.
 */
function finish(svg: string, id: string, label: string, markings: Marking[]): string {
  return svg
    .replace(DATA_ELEMENT, (element, tag: string, before: string, series, index, after: string) => {
      const marking = markings.find((candidate) => candidate.series === Number(series));
      const marked = marking?.mark(Number(index));
      if (!marked) return element;
      const attributes = marked.attributes ? ` ${marked.attributes}` : '';
      return `<${tag}${before}${attributes}${after}><title>${escapeXml(marked.title)}</title></${tag}>`;
    })
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/\bzr\d+-/g, `${id}-`)
    .replace(/^<svg /, `<svg role="img" aria-label="${escapeXml(label)}" data-chart="${id}" `);
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
