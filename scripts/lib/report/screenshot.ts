import { existsSync } from 'fs';
import { mkdir, mkdtemp, rm, writeFile } from 'fs/promises';
import os from 'os';
import path from 'path';
import { pathToFileURL } from 'url';
import puppeteer from 'puppeteer-core';
import sharp from 'sharp';
import { ReportError } from './errors';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WIDTH = 1200;

/** Root in a container, no GPU, and no traffic of Chromium's own. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--hide-scrollbars',
  '--force-color-profile=srgb',
  '--font-render-hinting=none',
  '--lang=zh-CN',
];

export interface Screenshot {
  bytes: number;
  width: number;
  height: number;
  /** Requests the page made beyond its own file: none for a self-contained page. */
  blocked: string[];
}

/**
 * A picture of the report as a curator first sees it: from the top to the end of the first
 * narration (its curve and its sentences), 1200 px wide, in a palette PNG small enough to commit.
 */
export async function screenshotReport(htmlFile: string, pngFile: string): Promise<Screenshot> {
  if (!existsSync(CHROMIUM)) {
    throw new ReportError(
      `Chromium was not found at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH).`,
    );
  }
  const profile = await mkdtemp(path.join(os.tmpdir(), 'pompidou-report-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    const url = pathToFileURL(htmlFile).href;
    const blocked: string[] = [];
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.url() === url) return void request.continue();
      blocked.push(request.url());
      return void request.abort();
    });
    await page.setViewport({ width: WIDTH, height: 900, deviceScaleFactor: 1 });
    await page.goto(url, { waitUntil: 'load' });
    const bottom = (await page.evaluate(
      `(() => { const first = document.querySelector('article.narration');
        return first ? Math.ceil(first.getBoundingClientRect().bottom + window.scrollY + 16)
          : document.documentElement.scrollHeight; })()`,
    )) as number;
    const shot = await page.screenshot({
      type: 'png',
      clip: { x: 0, y: 0, width: WIDTH, height: bottom },
      captureBeyondViewport: true,
    });
    const png = await sharp(shot)
      .png({ palette: true, colours: 128, compressionLevel: 9 })
      .toBuffer();
    await mkdir(path.dirname(pngFile), { recursive: true });
    await writeFile(pngFile, png);
    return { bytes: png.length, width: WIDTH, height: bottom, blocked };
  } finally {
    await browser.close();
    await rm(profile, { recursive: true, force: true });
  }
}
