import { pinyin } from 'pinyin-pro';
import { foldForSearch, SEARCH_KEY_SEPARATOR } from './text';

function pinyinKeys(text: string): string[] {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'removed' });
  if (syllables.length === 0) return [];
  return [syllables.join(''), syllables.map((syllable) => syllable[0]).join('')];
}

/**
 * One string per artwork that a substring query can match: each name in characters, Latin form,
 * full pinyin and pinyin initials, one per line (see SEARCH_KEY_SEPARATOR).
 */
export function buildSearchText(names: string[]): string {
  const keys = new Set<string>();
  for (const name of names) {
    const folded = foldForSearch(name);
    if (folded) keys.add(folded);
    for (const key of pinyinKeys(name)) keys.add(key);
  }
  return [...keys].join(SEARCH_KEY_SEPARATOR);
}
