// Text helpers the functions need at query time; kept apart from search.ts so that pinyin-pro's
// dictionary, needed only when content is imported, stays out of the function bundles.

/**
 * Separates the keys of one search text. Folding removes every white-space character, so no folded
 * query can contain it: a query never matches across two names, whatever it holds.
 */
export const SEARCH_KEY_SEPARATOR = '\n';

/**
 * How both the index and a query are compared: lower case, accents folded (À → a), white space,
 * joining punctuation and invisible format characters (zero-width spaces and joiners, bidirectional
 * controls, soft hyphens: Unicode category Cf) removed. Every other character stands for itself.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]|\p{Cf}/gu, '')
    .toLowerCase()
    .replace(/[\s·・'’\-–—_.,()（）]/g, '');
}

/** A string that a regular expression matches literally: every metacharacter escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
