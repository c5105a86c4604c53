// Headless Chromium (Debian's, through puppeteer-core): loads each phone, lets the page finish
// what the runtime would have done, takes the picture, then measures it.
import { mkdtemp, readFile, rm } from 'fs/promises';
import os from 'os';
import path from 'path';
import puppeteer, { type Browser, type Frame, type HTTPRequest } from 'puppeteer-core';
import { auditFrame, type FrameAudit } from './audit';
import { prepareWebview } from './prepare';
import { PACKAGE_ORIGIN } from './webview';
import { MINIPROGRAM_ROOT } from './wxss';

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

/** Root in a container, no GPU, and no traffic of Chromium's own. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--hide-scrollbars',
  '--force-color-profile=srgb',
  '--font-render-hinting=none',
  '--lang=zh-CN',
];

export interface RenderRequest {
  html: string;
  width: number;
  height: number;
  file: string;
  scrollTo?: string;
  measure: string[];
}

export interface RenderResult {
  page: FrameAudit;
  chrome: FrameAudit;
  problems: string[];
  /** Requests outside the local host, refused: the picture shows a phone without internet. */
  blocked: string[];
}

/** A file of the mini program package, as the runtime would load `/assets/…`. */
async function packageFile(
  url: string,
): Promise<{ status: number; contentType: string; body: Buffer }> {
  const relative = decodeURIComponent(new URL(url).pathname);
  const file = path.join(MINIPROGRAM_ROOT, path.normalize(relative));
  if (!file.startsWith(`${MINIPROGRAM_ROOT}${path.sep}`)) throw new Error('outside the package');
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  return { status: 200, contentType: type, body: await readFile(file) };
}

/**
 * Calls a function in a frame by its source. tsx compiles it with calls to a `__name` helper that
 * the page does not have, so the helper comes along.
 */
async function call<A, R>(frame: Frame, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
  const source = `(() => { const __name = (target) => target; return (${fn.toString()})(${JSON.stringify(arg)}); })()`;
  return (await frame.evaluate(source)) as R;
}

export class Renderer {
  private constructor(
    private readonly browser: Browser,
    private readonly profile: string,
    private readonly allowedOrigin: string,
  ) {}

  static async launch(executablePath: string, allowedOrigin: string): Promise<Renderer> {
    const profile = await mkdtemp(path.join(os.tmpdir(), 'pompidou-shots-chromium-'));
    const browser = await puppeteer.launch({
      executablePath,
      headless: true,
      userDataDir: profile,
      args: CHROMIUM_ARGS,
    });
    return new Renderer(browser, profile, allowedOrigin);
  }

  async render(request: RenderRequest): Promise<RenderResult> {
    const page = await this.browser.newPage();
    try {
      const blocked: string[] = [];
      await page.setViewport({
        width: request.width,
        height: request.height,
        deviceScaleFactor: 2,
      });
      await page.setRequestInterception(true);
      const problems: string[] = [];
      page.on('request', (outgoing: HTTPRequest) => {
        const url = outgoing.url();
        if (url.startsWith(`${PACKAGE_ORIGIN}/`)) {
          void packageFile(url).then(
            (file) => outgoing.respond(file),
            () => {
              problems.push(`not in the package: ${url.slice(PACKAGE_ORIGIN.length)}`);
              return outgoing.respond({ status: 404, body: '' });
            },
          );
        } else if (/^(data|about|blob):/.test(url) || url.startsWith(this.allowedOrigin)) {
          void outgoing.continue();
        } else {
          blocked.push(url);
          void outgoing.abort('internetdisconnected');
        }
      });
      await page.setContent(request.html, { waitUntil: 'load', timeout: 60000 });
      await page.waitForNetworkIdle({ idleTime: 100, timeout: 60000 });
      const webview = page.mainFrame().childFrames()[0];
      if (!webview) throw new Error('the phone has no WebView frame');
      problems.push(...(await call(webview, prepareWebview, { scrollTo: request.scrollTo })));
      await page.screenshot({ path: request.file as `${string}.png`, type: 'png' });
      const audit = await call(webview, auditFrame, { textScope: '', measure: request.measure });
      const chrome = await call(page.mainFrame(), auditFrame, {
        textScope: '[data-audit]',
        measure: [],
      });
      return { page: audit, chrome, problems, blocked: [...new Set(blocked)] };
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
    await rm(this.profile, { recursive: true, force: true });
  }
}
