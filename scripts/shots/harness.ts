/// <reference lib="dom" />
// The spec's side of the shots: opens pages through the tests' own support (miniprogram-simulate,
// the fake `wx`), waits for the real host to answer, and writes each shot's dump for run.ts.
import { promises as fs } from 'fs';
import path from 'path';
import type { VideoState } from './builtins';
import { capturePage } from './dump';
import { httpHost, type HostHandler, type HttpHost } from './http-host';
import { ENV_DUMP_DIR, ENV_HOST_URL, type PhoneModel, type ShotDump } from './types';

/**
 * The part of tests/miniprogram/support these shots use, typed here: that folder is compiled with
 * the mini program's typings, which the scripts' tsconfig does not load, so it is required by
 * path rather than imported.
 */
export interface SimulatedNode {
  dom?: Element;
  instance: { setData(data: Record<string, unknown>): void };
  querySelector(selector: string): SimulatedNode | undefined;
}

export interface OpenedPage {
  simulate: unknown;
  page: SimulatedNode;
}

interface Support {
  openPage(name: string, query?: Record<string, string>): OpenedPage;
  settle(simulate: unknown, times?: number): Promise<void>;
  tap(opened: OpenedPage, selector: string, inner?: string): Promise<void>;
  fire(opened: OpenedPage, selector: string, eventName: string, detail?: unknown): Promise<void>;
  emit(opened: OpenedPage, selector: string, eventName: string, detail: unknown): Promise<void>;
}

interface FakeAudio {
  trackDuration: number;
  advance(seconds: number): Promise<void>;
}

interface FakeWx {
  host: HostHandler;
  clockFrozen: boolean;
  backgroundAudio: FakeAudio;
}

const SUPPORT_MODULE = path.join(
  __dirname,
  '..',
  '..',
  'tests',
  'miniprogram',
  'support',
  'simulate',
);

const FAKE_WX_MODULE = path.join(SUPPORT_MODULE, '..', 'fake-wx');

/** Every shot happens at the same moment, so relative dates and saved positions never drift. */
const FROZEN_AT = new Date('2026-11-25T02:00:00Z');
/** A port nothing listens on: the request fails as it does with no backend. */
export const UNREACHABLE_URL = 'http://127.0.0.1:1';

interface WxmlCompiler {
  wxmlToJs(rootPath: string, options?: Record<string, unknown>): string;
}

/**
 * The official compiler's output keeps each template's ops in a global `__WXML_GLOBAL__`, keyed
 * by the file's index in its compile. simulate compiles Vant's own folder and the mini program's
 * apart, so two templates share a key and whichever renders second gets the other's ops (a page
 * opened after a page with van-search crashes). Each compile, in each scenario, gets its own caches.
 */
function isolatedCompiler(generation: number): WxmlCompiler {
  const actual = jest.requireActual<WxmlCompiler>('miniprogram-compiler');
  const roots: string[] = [];
  return {
    ...actual,
    wxmlToJs(rootPath, options) {
      if (!roots.includes(rootPath)) roots.push(rootPath);
      const suffix = `_shots_${generation}_${roots.indexOf(rootPath)}`;
      // The caches only: the one-time patches of built-in prototypes must stay shared.
      return actual
        .wxmlToJs(rootPath, options)
        .replace(/__WXML_GLOBAL__\.(ops_cached|ops_set|ops_init|modules)\b/g, `$&${suffix}`);
    },
  };
}

export const fakeWx = (): FakeWx => (globalThis as unknown as { fakeWx: FakeWx }).fakeWx;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the shots with \`npm run shots\`.`);
  return value;
}

export class Harness {
  private support: Support | undefined;
  private host: HttpHost | undefined;
  private titles: string[] = [];
  private generation = 0;
  private readonly pages = new WeakMap<OpenedPage, { name: string; titlesBefore: number }>();

  async install(): Promise<void> {
    this.support = (await import(SUPPORT_MODULE)) as Support;
    // The navigation bar shows what the page set; the fake only records calls, so listen too.
    const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
    const original = wx.setNavigationBarTitle as ((options: { title: string }) => void) | undefined;
    wx.setNavigationBarTitle = (options: { title: string }) => {
      this.titles.push(options.title);
      return original?.(options);
    };
  }

  /** Before each scenario: fresh stores and templates, the frozen clock, the real host. */
  reset(hostUrl = required(ENV_HOST_URL)): void {
    jest.resetModules();
    this.generation += 1;
    const generation = this.generation;
    jest.doMock('miniprogram-compiler', () => isolatedCompiler(generation));
    // The tests' frozen clock: Date only, timers and promises run as usual.
    const { useFakeClock } = jest.requireActual<{ useFakeClock(now?: number): void }>(
      FAKE_WX_MODULE,
    );
    useFakeClock(FROZEN_AT.getTime());
    // The fake audio then moves the clock 250 ms per time update, as playback would.
    fakeWx().clockFrozen = true;
    this.useHost(hostUrl);
    this.titles = [];
  }

  useHost(url: string): void {
    this.host = httpHost(url);
    fakeWx().host = this.host.handler;
  }

  get api(): Support {
    if (!this.support) throw new Error('Harness.install() first');
    return this.support;
  }

  /** The data of the latest answer to a function call matching `event`. */
  answer<T>(functionName: string, match: Record<string, unknown>): T | undefined {
    const found = (this.host?.answers ?? [])
      .filter(
        (answer) =>
          answer.functionName === functionName &&
          Object.entries(match).every(([key, value]) => answer.event[key] === value),
      )
      .pop();
    const envelope = found?.data as { ok?: boolean; data?: T } | undefined;
    return envelope?.ok ? envelope.data : undefined;
  }

  async open(name: string, query: Record<string, string> = {}): Promise<OpenedPage> {
    const titlesBefore = this.titles.length;
    const opened = this.api.openPage(name, query);
    this.pages.set(opened, { name, titlesBefore });
    await this.settle(opened);
    return opened;
  }

  /** Until the page is quiet: no request on the wire and nothing left for setData. */
  async settle(opened: OpenedPage): Promise<void> {
    for (let round = 0; round < 200; round += 1) {
      await this.api.settle(opened.simulate, 5);
      if ((this.host?.inFlight() ?? 0) === 0) {
        await this.api.settle(opened.simulate, 5);
        if ((this.host?.inFlight() ?? 0) === 0) return;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error('the page kept waiting for the host');
  }

  async tap(opened: OpenedPage, selector: string, inner?: string): Promise<void> {
    await this.api.tap(opened, selector, inner);
    await this.settle(opened);
  }

  async fire(opened: OpenedPage, selector: string, event: string, detail?: unknown): Promise<void> {
    await this.api.fire(opened, selector, event, detail);
    await this.settle(opened);
  }

  async emit(opened: OpenedPage, selector: string, event: string, detail: unknown): Promise<void> {
    await this.api.emit(opened, selector, event, detail);
    await this.settle(opened);
  }

  async shoot(
    name: string,
    caption: string,
    opened: OpenedPage,
    options: { phone?: PhoneModel; scrollTo?: string; measure?: string[]; video?: VideoState } = {},
  ): Promise<void> {
    await this.settle(opened);
    const page = this.pages.get(opened);
    const root = opened.page.dom;
    if (!page || !root) throw new Error(`${name}: the page was not opened through the harness`);
    const dump: ShotDump = {
      name,
      caption,
      page: page.name,
      title: this.titles.slice(page.titlesBefore).pop() ?? null,
      phone: options.phone ?? 'iphone-x',
      html: capturePage(root, { video: options.video }),
      scrollTo: options.scrollTo,
      measure: options.measure,
    };
    const dir = required(ENV_DUMP_DIR);
    await fs.writeFile(path.join(dir, `${name}.json`), JSON.stringify(dump));
  }
}
