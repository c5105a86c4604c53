// Escaping for the HTML the shots are assembled from.

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

/** A URL inside CSS `url("…")`. */
export function cssUrl(url: string): string {
  return `url("${url.replace(/["\\\n]/g, (character) => encodeURIComponent(character))}")`;
}
