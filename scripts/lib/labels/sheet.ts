// A4 portrait, 2 × 4 labels inside thin cut lines, a footer per page. Text is measured and shrunk
// (then cut with an ellipsis as a last resort) so that nothing leaves its label.
import path from 'path';
import PDFDocument from 'pdfkit';
import type { ExhibitionDoc } from '../../../backend/domain/catalogue';
import type { WallLabel } from './catalogue';

const FONT_DIR = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
export const FONT_FILES = {
  regular: path.join(FONT_DIR, '400Regular', 'NotoSansSC_400Regular.ttf'),
  bold: path.join(FONT_DIR, '700Bold', 'NotoSansSC_700Bold.ttf'),
};

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 36;
const FOOTER = 30;
const COLUMNS = 2;
const ROWS = 4;
export const LABELS_PER_PAGE = COLUMNS * ROWS;
const CELL = {
  width: (PAGE.width - 2 * MARGIN) / COLUMNS,
  height: (PAGE.height - 2 * MARGIN - FOOTER) / ROWS,
};
const PAD = 12;
const CODE = 84;
const INK = '#111111';
const GREY = '#555555';

export interface SheetInput {
  exhibition: Pick<ExhibitionDoc, 'id' | 'title' | 'venue'>;
  labels: readonly WallLabel[];
  /** PNG or JPEG, one per label. */
  codes: readonly Buffer[];
  /** Printed on every page when the codes point at the example prefix. */
  notice?: string;
}

export function pageCount(labels: number): number {
  return Math.ceil(labels / LABELS_PER_PAGE);
}

export async function renderSheet(input: SheetInput): Promise<{ pdf: Buffer; pages: number }> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    info: { Title: `${input.exhibition.title} · 展签`, Creator: '蓬皮杜导览 npm run labels' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONT_FILES.regular);
  doc.registerFont('bold', FONT_FILES.bold);

  const pages = pageCount(input.labels.length);
  input.labels.forEach((label, index) => {
    const slot = index % LABELS_PER_PAGE;
    if (slot === 0) {
      doc.addPage();
      drawFooter(doc, input, index / LABELS_PER_PAGE + 1, pages);
    }
    const x = MARGIN + (slot % COLUMNS) * CELL.width;
    const y = MARGIN + Math.floor(slot / COLUMNS) * CELL.height;
    drawLabel(doc, label, input.codes[index] as Buffer, x, y);
  });
  doc.end();
  await ended;
  return { pdf: Buffer.concat(chunks), pages };
}

interface Line {
  text: string;
  font: 'regular' | 'bold';
  size: number;
  color: string;
  /** Space above the line, in points at full size. */
  before: number;
}

function drawLabel(doc: PDFKit.PDFDocument, label: WallLabel, code: Buffer, x: number, y: number) {
  doc
    .save()
    .lineWidth(0.5)
    .strokeColor('#9a9a9a')
    .rect(x, y, CELL.width, CELL.height)
    .stroke()
    .restore();
  const width = CELL.width - 2 * PAD;
  const original = label.title.original === label.title.zh ? '' : label.title.original;
  const lines: Line[] = [
    { text: label.title.zh, font: 'bold', size: 15, color: INK, before: 0 },
    { text: original, font: 'regular', size: 9.5, color: GREY, before: 1 },
    {
      text: `${label.artist.zh}  ${label.artist.original}`,
      font: 'regular',
      size: 9.5,
      color: INK,
      before: 4,
    },
    {
      text: [label.year, label.medium].filter(Boolean).join(' · '),
      font: 'regular',
      size: 9,
      color: GREY,
      before: 1,
    },
  ];
  const printed = lines.filter((line) => line.text.trim());
  drawFitted(doc, printed, x + PAD, y + PAD, width, CELL.height - 2 * PAD - CODE - 6);

  const bottom = y + CELL.height - PAD;
  doc.image(code, x + CELL.width - PAD - CODE, bottom - CODE, {
    fit: [CODE, CODE],
    align: 'center',
    valign: 'center',
  });
  const captionSize = 7;
  const caption = ['微信扫码收听讲解', '或在导览「号码」页输入编号'];
  doc.font('regular').fontSize(captionSize).fillColor(GREY);
  const captionLine = doc.currentLineHeight(true);
  caption.forEach((text, index) => {
    doc.text(text, x + PAD, bottom - (caption.length - index) * captionLine, {
      width: width - CODE - 8,
      lineBreak: false,
    });
  });
  const numberRoom = { width: width - CODE - 8, height: CODE - caption.length * captionLine };
  let size = 44;
  doc.font('bold');
  while (
    size > 14 &&
    (doc.fontSize(size).widthOfString(label.number) > numberRoom.width ||
      doc.currentLineHeight(true) > numberRoom.height)
  ) {
    size -= 2;
  }
  doc
    .fontSize(size)
    .fillColor(INK)
    .text(label.number, x + PAD, bottom - CODE, { lineBreak: false });
}

/** Draws the lines at the largest scale (down to 60 %) whose height fits, clipping only past that. */
function drawFitted(
  doc: PDFKit.PDFDocument,
  lines: readonly Line[],
  x: number,
  y: number,
  width: number,
  height: number,
) {
  const measure = (line: Line, scale: number) =>
    doc
      .font(line.font)
      .fontSize(line.size * scale)
      .heightOfString(line.text, { width });
  let scale = 1;
  const total = (at: number) =>
    lines.reduce((sum, line) => sum + line.before * at + measure(line, at), 0);
  while (scale > 0.6 && total(scale) > height) scale -= 0.05;
  let top = y;
  for (const line of lines) {
    top += line.before * scale;
    const room = y + height - top;
    if (room <= 0) break;
    doc
      .font(line.font)
      .fontSize(line.size * scale)
      .fillColor(line.color);
    const used = Math.min(measure(line, scale), room);
    doc.text(line.text, x, top, { width, height: room, ellipsis: true });
    top += used;
  }
}

function drawFooter(doc: PDFKit.PDFDocument, input: SheetInput, page: number, pages: number) {
  const top = PAGE.height - MARGIN - FOOTER + 8;
  const width = PAGE.width - 2 * MARGIN;
  doc.font('regular').fontSize(8).fillColor(GREY);
  const pageText = `第 ${page} / ${pages} 页`;
  const pageWidth = doc.widthOfString(pageText);
  doc.text(pageText, MARGIN + width - pageWidth, top, { lineBreak: false });
  doc.text(`${input.exhibition.title} · ${input.exhibition.venue}`, MARGIN, top, {
    width: width - pageWidth - 12,
    height: doc.currentLineHeight(true),
    ellipsis: true,
  });
  if (input.notice) {
    doc.fillColor('#c0392b').text(input.notice, MARGIN, top + doc.currentLineHeight(true), {
      width,
      height: doc.currentLineHeight(true),
      ellipsis: true,
    });
  }
}
