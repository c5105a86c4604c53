// How a visitor arrives at a work from its wall label: a mini program code (`scene`, ≤ 32
// characters, URL-encoded), a plain QR link registered for the mini program (`q`, the whole link,
// URL-encoded), or a typed or shared `number`. Whatever the label holds, the page gets a label
// number or a sentence saying what was wrong — never an exception.

export interface LabelEntry {
  number?: string;
  scene?: string;
  q?: string;
}

/**
 * A label number, and the exhibition the label names when it names one: a scene
 * `<exhibitionId>/<number>`, or a link `…/<exhibitionId>/<number>` (`npm run labels` prints both).
 */
export type EntryResult =
  { number: string; exhibitionId?: string } | { error: string } | { none: true };

const EXHIBITION_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

const LABEL_NUMBER = /^\d{1,8}$/;

function decoded(raw: string): string | null {
  try {
    return decodeURIComponent(raw).trim();
  } catch {
    return null;
  }
}

/** A query value as the page should read it; a malformed escape is kept as it came. */
export function decodeParam(raw: string): string {
  return decoded(raw) ?? raw;
}

/** The value of the first of `keys` in "a=1&b=2". */
function queryValue(query: string, keys: string[]): string | null {
  for (const pair of query.split('&')) {
    const [key = '', value = ''] = pair.split('=', 2);
    if (keys.includes(key)) return value.trim();
  }
  return null;
}

/** "513", "n=513", "number=513" or "<exhibitionId>/513". */
function numberFromScene(scene: string): { number: string; exhibitionId?: string } | null {
  const slash = /^([^/]+)\/(\d{1,8})$/.exec(scene);
  if (slash) {
    const [, exhibitionId = '', number = ''] = slash;
    return EXHIBITION_ID.test(exhibitionId) ? { number, exhibitionId } : null;
  }
  const value = scene.includes('=') ? queryValue(scene, ['n', 'number']) : scene;
  return value !== null && LABEL_NUMBER.test(value) ? { number: value } : null;
}

/**
 * https://host/…/513, or a link whose query carries n=513 or number=513. The segment before the
 * number may be an exhibition's id (…/<exhibitionId>/513): it is handed on as a candidate, which
 * the page uses only if such an exhibition exists.
 */
function numberFromLink(link: string): { number: string; exhibitionId?: string } | null {
  const match = /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?(?:\?([^#\s]*))?/i.exec(link);
  if (!match) return null;
  const fromQuery = queryValue(match[2] ?? '', ['n', 'number']);
  if (fromQuery !== null) return LABEL_NUMBER.test(fromQuery) ? { number: fromQuery } : null;
  const segments = (match[1] ?? '').split('/').filter(Boolean);
  const last = segments[segments.length - 1] ?? '';
  if (!LABEL_NUMBER.test(last)) return null;
  const before = segments[segments.length - 2] ?? '';
  return EXHIBITION_ID.test(before) ? { number: last, exhibitionId: before } : { number: last };
}

export const SCENE_ERROR = '这个展签码无法识别，请在「号码」页输入展签上的编号';
export const LINK_ERROR = '这个展签二维码的链接无法识别，请在「号码」页输入展签上的编号';

export function labelNumberFromEntry(entry: LabelEntry): EntryResult {
  if (entry.number) {
    const number = decoded(entry.number);
    return number && LABEL_NUMBER.test(number)
      ? { number }
      : { error: '展签编号应为数字，请在「号码」页重新输入' };
  }
  if (entry.scene) {
    const scene = decoded(entry.scene);
    const found = scene === null ? null : numberFromScene(scene);
    return found ?? { error: SCENE_ERROR };
  }
  if (entry.q) {
    const link = decoded(entry.q);
    const found = link === null ? null : numberFromLink(link);
    return found ?? { error: LINK_ERROR };
  }
  return { none: true };
}
