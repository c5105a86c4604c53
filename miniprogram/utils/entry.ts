// How a visitor arrives at a work from its wall label: a mini program code (`scene`, ≤ 32
// characters, URL-encoded), a plain QR link registered for the mini program (`q`, the whole link,
// URL-encoded), or a typed or shared `number`. Whatever the label holds, the page gets a label
// number or a sentence saying what was wrong — never an exception.

export interface LabelEntry {
  number?: string;
  scene?: string;
  q?: string;
}

export type EntryResult = { number: string } | { error: string } | { none: true };

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

/** "513", "n=513" or "number=513". */
function numberFromScene(scene: string): string | null {
  const value = scene.includes('=') ? queryValue(scene, ['n', 'number']) : scene;
  return value !== null && LABEL_NUMBER.test(value) ? value : null;
}

/** https://host/…/513, or a link whose query carries n=513 or number=513. */
function numberFromLink(link: string): string | null {
  const match = /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?(?:\?([^#\s]*))?/i.exec(link);
  if (!match) return null;
  const fromQuery = queryValue(match[2] ?? '', ['n', 'number']);
  if (fromQuery !== null) return LABEL_NUMBER.test(fromQuery) ? fromQuery : null;
  const segments = (match[1] ?? '').split('/').filter(Boolean);
  const last = segments[segments.length - 1] ?? '';
  return LABEL_NUMBER.test(last) ? last : null;
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
    const number = scene === null ? null : numberFromScene(scene);
    return number ? { number } : { error: SCENE_ERROR };
  }
  if (entry.q) {
    const link = decoded(entry.q);
    const number = link === null ? null : numberFromLink(link);
    return number ? { number } : { error: LINK_ERROR };
  }
  return { none: true };
}
