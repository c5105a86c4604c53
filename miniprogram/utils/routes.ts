export const ARTWORK_PAGE = '/pages/artwork/index';

export function artworkPath(id: string): string {
  return `${ARTWORK_PAGE}?id=${encodeURIComponent(id)}`;
}
