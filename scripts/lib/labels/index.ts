import { promises as fs } from 'fs';
import path from 'path';
import { labelsFor, type LabelCatalogue } from './catalogue';
import { describeCodes, makeCodes } from './codes';
import type { CodeSettings } from './settings';
import { renderSheet } from './sheet';

export { LabelError } from './errors';
export { readSettings, USAGE, type LabelSettings } from './settings';

export interface LabelSheetOptions {
  exhibitionId: string;
  catalogue: LabelCatalogue;
  code: CodeSettings;
  /** The PDF is written to <outDir>/<exhibitionId>.pdf. */
  outDir: string;
}

export interface LabelSheetSummary {
  file: string;
  pages: number;
  labels: number;
  codes: string;
  bytes: number;
  /** Works left out because their artwork is not published. */
  unpublished: string[];
}

/** Wall labels of one exhibition as a printable PDF; nothing is written when a code fails. */
export async function makeLabelSheet(options: LabelSheetOptions): Promise<LabelSheetSummary> {
  const { exhibition, labels, unpublished } = labelsFor(options.catalogue, options.exhibitionId);
  const codes = await makeCodes(options.code, exhibition.id, labels);
  const notice =
    options.code.kind === 'qr' && options.code.example
      ? '示例二维码：LABEL_LINK_BASE 未设置，这些码打不开导览，请勿张贴'
      : undefined;
  const { pdf, pages } = await renderSheet({ exhibition, labels, codes, notice });
  const file = path.join(options.outDir, `${exhibition.id}.pdf`);
  await fs.mkdir(options.outDir, { recursive: true });
  await fs.writeFile(file, pdf);
  return {
    file,
    pages,
    labels: labels.length,
    codes: describeCodes(options.code),
    bytes: pdf.length,
    unpublished,
  };
}
