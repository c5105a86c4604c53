// Text helpers the functions need at query time; kept apart from search.ts so that pinyin-pro's
// dictionary, needed only when content is imported, stays out of the function bundles.

/** Lower case, accents folded (À → a), white space removed: how both the index and a query are compared. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s·・'’\-–—_.,()（）]/g, '');
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
