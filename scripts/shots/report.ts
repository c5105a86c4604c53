// What the team quotes from the shots, printed as plain tables.
import type { FrameAudit, TextSample } from './audit';
import type { PhoneLayout } from './phone';
import type { ShotDump } from './types';

export interface ShotOutcome {
  dump: ShotDump;
  layout: PhoneLayout;
  file: string;
  page: FrameAudit;
  chrome: FrameAudit;
  problems: string[];
  blocked: string[];
}

const CONTRAST_MIN = 4.5;
const TAP_MIN = 44;

function table(rows: string[][], indent = '  '): string {
  const [header = []] = rows;
  const widths = header.map((_cell, column) =>
    Math.max(...rows.map((row) => displayWidth(row[column] ?? ''))),
  );
  const pad = (cell: string, column: number) =>
    cell + ' '.repeat(Math.max(0, (widths[column] ?? 0) - displayWidth(cell)));
  return rows.map((row) => (indent + row.map(pad).join('  ')).trimEnd()).join('\n');
}

/** Chinese characters take two columns in a terminal. */
function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += /[\u2e80-\uffef]/.test(character) ? 2 : 1;
  return width;
}

const ratio = (value: number) => `${value.toFixed(2)}:1`;
const shortName = (outcome: ShotOutcome) => outcome.dump.name.split('-')[0] ?? outcome.dump.name;

/** Visible text of the page, and the chrome's labels (tab bar, title) named as such. */
function textsOf(outcome: ShotOutcome): TextSample[] {
  const chrome = outcome.chrome.texts.map((sample) => ({
    ...sample,
    element: `(${sample.element === '.nav__title' ? 'navigation bar' : 'tab bar'})`,
  }));
  return [...outcome.page.texts, ...chrome];
}

function shotList(outcomes: ShotOutcome[]): string {
  const rows = [['file', 'phone', 'webview', 'texts', `< ${CONTRAST_MIN}:1`, 'taps < 44', 'shows']];
  for (const outcome of outcomes) {
    const { geometry, webviewHeight } = outcome.layout;
    const texts = textsOf(outcome).filter((sample) => !sample.overImage);
    rows.push([
      outcome.file,
      `${geometry.width}×${geometry.height}`,
      `${geometry.width}×${webviewHeight}`,
      String(texts.length),
      String(texts.filter((sample) => sample.ratio < CONTRAST_MIN).length),
      String(outcome.page.taps.length),
      outcome.dump.caption,
    ]);
  }
  return `Shots (CSS px, device scale 2; texts = visible text measured on the first screen):\n${table(rows)}`;
}

function positions(outcomes: ShotOutcome[]): string {
  const rows = [['shot', 'phone', 'webview', 'element', 'top', 'bottom', 'on the first screen']];
  for (const outcome of outcomes) {
    for (const measured of outcome.page.measured) {
      const { geometry } = outcome.layout;
      const verdict = !measured.found
        ? 'not rendered'
        : measured.bottom <= measured.viewport && measured.top >= 0
          ? `yes, ${(measured.viewport - measured.bottom).toFixed(1)} px to spare`
          : `NO, bottom is ${(measured.bottom - measured.viewport).toFixed(1)} px below`;
      rows.push([
        outcome.dump.name,
        `${geometry.width}×${geometry.height}`,
        `375×${measured.viewport}`,
        measured.selector,
        measured.found ? measured.top.toFixed(1) : '-',
        measured.found ? measured.bottom.toFixed(1) : '-',
        verdict,
      ]);
    }
  }
  return `Position within the WebView (px from its top, first screen, not scrolled):\n${table(rows)}`;
}

interface Grouped<T> {
  sample: T;
  shots: Set<string>;
  count: number;
}

function group<T>(items: Array<{ item: T; shot: string }>, key: (item: T) => string): Grouped<T>[] {
  const groups = new Map<string, Grouped<T>>();
  for (const { item, shot } of items) {
    const id = key(item);
    const found = groups.get(id) ?? { sample: item, shots: new Set<string>(), count: 0 };
    found.shots.add(shot);
    found.count += 1;
    groups.set(id, found);
  }
  return [...groups.values()];
}

function contrast(outcomes: ShotOutcome[]): string {
  const all = outcomes.flatMap((outcome) =>
    textsOf(outcome).map((item) => ({ item, shot: shortName(outcome) })),
  );
  const measured = all.filter(({ item }) => !item.overImage);
  const failing = group(
    measured.filter(({ item }) => item.ratio < CONTRAST_MIN),
    (item) => `${item.element}|${item.color}|${item.background}`,
  ).sort((a, b) => a.sample.ratio - b.sample.ratio);
  const failRows = [['ratio', 'text', 'on', 'element', 'e.g.', 'note', 'shots']];
  for (const { sample, shots } of failing) {
    const notes = [sample.large ? 'large text (3:1)' : '', sample.disabled ? 'disabled' : '']
      .filter(Boolean)
      .join(', ');
    failRows.push([
      ratio(sample.ratio),
      sample.color,
      sample.background,
      sample.element,
      `“${sample.text.slice(0, 12)}”`,
      notes,
      [...shots].join(' '),
    ]);
  }
  const pairs = group(measured, (item) => `${item.color}|${item.background}`).sort(
    (a, b) => a.sample.ratio - b.sample.ratio,
  );
  const pairRows = [['ratio', 'text', 'on', 'elements', 'e.g.']];
  for (const { sample, count } of pairs) {
    pairRows.push([
      ratio(sample.ratio),
      sample.color,
      sample.background,
      String(count),
      `${sample.element} “${sample.text.slice(0, 10)}”`,
    ]);
  }
  const overImage = group(
    all.filter(({ item }) => item.overImage),
    (item) => item.element,
  ).map(
    ({ sample, shots }) =>
      `${sample.element} “${sample.text.slice(0, 10)}” (${[...shots].join(' ')})`,
  );
  const parts = [
    failing.length
      ? `Text contrast below ${CONTRAST_MIN}:1 (visible text, effective colours after opacity):\n${table(failRows)}`
      : `Text contrast: every visible text is at least ${CONTRAST_MIN}:1.`,
    `Text colour / background pairs on screen (all shots), lowest first:\n${table(pairRows)}`,
  ];
  if (overImage.length) {
    parts.push(`Text over a picture or video (not measured):\n  ${overImage.join('\n  ')}`);
  }
  return parts.join('\n\n');
}

function tapTargets(outcomes: ShotOutcome[]): string {
  const small = group(
    outcomes.flatMap((outcome) =>
      outcome.page.taps.map((item) => ({ item, shot: shortName(outcome) })),
    ),
    (item) => `${item.element}|${item.width}|${item.height}`,
  ).sort((a, b) => a.sample.height * a.sample.width - b.sample.height * b.sample.width);
  if (!small.length) return `Tap targets: none smaller than ${TAP_MIN}×${TAP_MIN} px.`;
  const rows = [['size (px)', 'element', 'label', 'shots']];
  for (const { sample, shots } of small) {
    rows.push([
      `${sample.width}×${sample.height}`,
      sample.element,
      `“${sample.text}”`,
      [...shots].join(' '),
    ]);
  }
  return `Tap targets smaller than ${TAP_MIN}×${TAP_MIN} px (bound tap handlers, buttons):\n${table(rows)}`;
}

function notes(outcomes: ShotOutcome[]): string {
  const lines: string[] = [];
  const blocked = group(
    outcomes.flatMap((outcome) =>
      outcome.blocked.map((item) => ({ item, shot: shortName(outcome) })),
    ),
    (item) => item,
  );
  for (const { sample, shots } of blocked) {
    lines.push(`blocked (internet, as on a phone offline): ${sample} (${[...shots].join(' ')})`);
  }
  for (const outcome of outcomes) {
    for (const problem of outcome.problems) lines.push(`${outcome.dump.name}: ${problem}`);
  }
  return lines.length ? `Notes:\n  ${lines.join('\n  ')}` : '';
}

export function printReport(outcomes: ShotOutcome[]): void {
  const sections = [
    shotList(outcomes),
    positions(outcomes),
    contrast(outcomes),
    tapTargets(outcomes),
    notes(outcomes),
  ];
  console.log(`\n${sections.filter(Boolean).join('\n\n')}\n`);
}
