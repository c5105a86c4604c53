// The WebView's document for one shot: the runtime's base styles, the compiled WXSS, the page.
import { BUILTIN_CSS } from './builtins';
import { escapeAttr } from './html';
import { FONT_CSS } from './phone';

/**
 * Where the package's own files appear to the page: `/assets/x.png` in a template is a file of
 * the mini program, which the renderer answers from miniprogram/ under this made-up origin.
 */
export const PACKAGE_ORIGIN = 'https://package.miniprogram.invalid';

export function webviewDocument(
  page: string,
  pageHtml: string,
  css: string,
  safeBottom: number,
): string {
  // Relative paths resolve from the page's folder, as the runtime resolves them in its template.
  const base = `${PACKAGE_ORIGIN}/pages/${page}/index`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><base href="${escapeAttr(base)}">
<style>${FONT_CSS}${BUILTIN_CSS}</style>
<style>${css}</style>
</head><body style="--safe-bottom:${safeBottom}px">${pageHtml}</body></html>`;
}
