// Every style sheet of the mini program compiled by WeChat's own WXSS compiler (wcsc, through
// miniprogram-compiler) and run as the runtime runs it: rpx resolved at 375 px on an iPhone, each
// component's classes prefixed as simulate prefixes them (`<tag>--`), `:host` on the host tag.
import { readFileSync } from 'fs';
import path from 'path';
import { wxssToJs } from 'miniprogram-compiler';
import { SCREEN_WIDTH } from './rpx';

export const MINIPROGRAM_ROOT = path.resolve(__dirname, '..', '..', 'miniprogram');

/** Pages are rendered by simulate under a `<main>` host, their classes prefixed `main--`. */
const PAGE_PREFIX = 'main--';

interface CompiledSheets {
  (file: string): ((suffix: string) => void) | undefined;
}

export interface StyleSheets {
  /** app.wxss, the page's own sheet and every component's, ready for a `<style>`. */
  forPage(page: string): string;
}

/** The tag each component renders under: app.json's name for it, `van-<folder>` for Vant's. */
function componentTags(): Map<string, string> {
  const app = JSON.parse(readFileSync(path.join(MINIPROGRAM_ROOT, 'app.json'), 'utf8')) as {
    usingComponents?: Record<string, string>;
  };
  const tags = new Map<string, string>();
  for (const [tag, target] of Object.entries(app.usingComponents ?? {})) {
    const file = target.startsWith('/') ? target.slice(1) : `miniprogram_npm/${target}`;
    tags.set(file, tag);
  }
  return tags;
}

function tagOf(component: string, tags: Map<string, string>): string {
  const vant = /@vant\/weapp\/([^/]+)\/index$/.exec(component);
  return tags.get(component) ?? (vant ? `van-${vant[1]}` : path.basename(path.dirname(component)));
}

/** Vant fetches its icon font from a CDN at run time; @vant/icons carries the same font. */
function iconFontFace(): string {
  const less = readFileSync(require.resolve('@vant/icons/src/encode-woff2.less'), 'utf8');
  const url = /url\(\s*'(data:font\/woff2[^']+)'\s*\)/.exec(less);
  if (!url) throw new Error('@vant/icons: no woff2 data URL in src/encode-woff2.less');
  return `@font-face{font-family:vant-icon;font-style:normal;font-weight:400;font-display:block;src:url("${url[1]}") format("woff2")}`;
}

/** What the browser needs of a compiled sheet, and nothing of the compiler's debug notes. */
function tidy(css: string, fontFace: string): string {
  return css
    .replace(/wxcs_[\w-]+\s*:[^;{}]*;/g, '')
    .replace(/@font-face\s*\{[^}]*font-family:\s*["']?vant-icon["']?[^}]*\}/g, fontFace)
    .replace(
      /(?:env|constant)\(\s*safe-area-inset-(top|right|bottom|left)\s*\)/g,
      'var(--safe-$1, 0px)',
    );
}

export function compileStyleSheets(): StyleSheets {
  const source = wxssToJs(MINIPROGRAM_ROOT);
  const written: Array<{ key: string; css: string }> = [];
  // The compiled code is the runtime's own: it measures `window.screen`, checks for an iPhone
  // (hairlines of 0.5 px) and hands each sheet to the style sheet manager, here a recorder.
  const window = {
    screen: { width: SCREEN_WIDTH, height: 812 },
    devicePixelRatio: 2,
    __styleSheetManager2__: {
      addItem() {},
      setCss(key: string, css: string) {
        written.push({ key, css });
      },
    },
  };
  const navigator = { userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)' };
  const sheets = new Function('window', 'navigator', 'document', source)(
    window,
    navigator,
    {},
  ) as CompiledSheets;
  const fontFace = iconFontFace();
  const tags = componentTags();
  const componentList = componentFiles(source);

  // `:host` rules were written while the code loaded, under `[is="<component path>"]`.
  const hostRules = written
    .map((entry) => entry.css)
    .join('\n')
    .replace(/\[is="([^"]+)"\]/g, (match, value: string) => {
      const component = componentList.find((file) => file.endsWith(value));
      return component ? tagOf(component, tags) : match;
    });

  const compile = (file: string, prefix: string): string => {
    const rewrite = sheets(file);
    if (!rewrite) throw new Error(`wcsc compiled no ${file}`);
    written.length = 0;
    rewrite(prefix);
    return written.map((entry) => entry.css).join('\n');
  };

  const components = componentList
    .map((component) => compile(`${component}.wxss`, `${tagOf(component, tags)}--`))
    .join('\n');
  const app = compile('app.wxss', PAGE_PREFIX);

  return {
    forPage(page: string): string {
      const own = compile(`pages/${page}/index.wxss`, PAGE_PREFIX);
      return tidy([hostRules, components, app, own].join('\n'), fontFace);
    },
  };
}

/** The components among the compiled sheets (a sheet beside a `.json` that says `component`). */
function componentFiles(source: string): string[] {
  const files = new Set<string>();
  for (const [, sheet] of source.matchAll(/'([^']+)\/index\.wxss'/g)) {
    if (!sheet) continue;
    const base = sheet.replace(/^\.\//, '');
    try {
      const json = JSON.parse(
        readFileSync(path.join(MINIPROGRAM_ROOT, `${base}/index.json`), 'utf8'),
      ) as { component?: boolean };
      if (json.component) files.add(`${base}/index`);
    } catch {
      // Not a component (Vant's common sheet has no .json).
    }
  }
  return [...files];
}
