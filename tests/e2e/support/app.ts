import automator from 'miniprogram-automator';
import type Element from 'miniprogram-automator/out/Element';
import type { CustomElement, InputElement } from 'miniprogram-automator/out/Element';
import type MiniProgram from 'miniprogram-automator/out/MiniProgram';
import type Page from 'miniprogram-automator/out/Page';
import appJson from '../../../miniprogram/app.json';
import { readPublishedContent, type PublishedContent } from './content';
import { connectDevTools, messageOf } from './devtools';

export type { Element, MiniProgram, Page };

/** Pages and elements answer within a few hundred ms on DevTools; the network adds a little. */
export const WAIT_MS = 20_000;
const POLL_MS = 250;

type Scope = Pick<Page, '$'> | Pick<Element, '$'>;

export interface AppSession {
  miniProgram: MiniProgram;
  /** Uncaught errors the app reported since the last call. */
  takeExceptions(): unknown[];
  end(): void;
}

/** Attaches to the DevTools window; each spec starts with empty storage (history, caches). */
export async function openSession(): Promise<AppSession> {
  const miniProgram = await connectDevTools();
  let exceptions: unknown[] = [];
  miniProgram.on('exception', (exception: unknown) => exceptions.push(exception));
  await miniProgram.callWxMethod('clearStorageSync');
  return {
    miniProgram,
    takeExceptions() {
      const taken = exceptions;
      exceptions = [];
      return taken;
    },
    end: () => miniProgram.disconnect(),
  };
}

export interface SpecContext {
  session: AppSession;
  content: PublishedContent;
}

/**
 * Inside a spec's describe: the published content and a session opened before its tests and
 * ended after them; every test must leave no uncaught exception in the app.
 */
export function useSpecSession(): SpecContext {
  const context = {} as SpecContext;
  beforeAll(async () => {
    context.content = await readPublishedContent();
    context.session = await openSession();
  });
  afterAll(() => context.session?.end());
  afterEach(() => expect(context.session?.takeExceptions() ?? []).toEqual([]));
  return context;
}

/** A tab's page by its label, as app.json declares the tab bar. */
export function tabPage(label: string): string {
  const tab = appJson.tabBar.list.find((item) => item.text === label);
  if (!tab) throw new Error(`app.json has no tab labelled ${label}`);
  return `/${tab.pagePath}`;
}

/** Names the step a failure happened in: a walk is one test, and its steps depend on each other. */
export async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new Error(`step “${name}”: ${messageOf(error)}`, { cause: error });
  }
}

/** Polls until `done` holds, then answers the value; a timeout says what was last seen. */
export async function until<T>(
  what: string,
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let seen: string;
    try {
      const value = await probe();
      if (done(value)) return value;
      seen = `last seen: ${preview(value)}`;
    } catch (error) {
      seen = `the last look failed: ${messageOf(error)}`;
    }
    if (Date.now() >= deadline) {
      throw new Error(`waited ${timeoutMs / 1000} s for ${what}; ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

/** 'pages/x/index' from '/pages/x/index?a=1' or 'pages/x/index'. */
export function routeOf(url: string): string {
  const [route = ''] = url.replace(/^\//, '').split('?');
  return route;
}

/** The page on top once it is `route` and is not `previous`: the navigation has finished. */
export function waitForPage(
  miniProgram: MiniProgram,
  route: string,
  previous?: Page,
): Promise<Page> {
  return until(
    `the page ${routeOf(route)}`,
    async () => {
      const page = await miniProgram.currentPage();
      return page && page !== previous && routeOf(page.path) === routeOf(route) ? page : undefined;
    },
    (page) => page !== undefined,
  ) as Promise<Page>;
}

/** Through wx.reLaunch, as a scanned code or a fresh start opens a page. */
export async function relaunch(miniProgram: MiniProgram, url: string): Promise<Page> {
  const previous = await miniProgram.currentPage();
  await miniProgram.reLaunch(url);
  return waitForPage(miniProgram, url, previous);
}

export async function switchTab(miniProgram: MiniProgram, label: string): Promise<Page> {
  const previous = await miniProgram.currentPage();
  await miniProgram.switchTab(tabPage(label));
  return waitForPage(miniProgram, tabPage(label), previous);
}

/** Taps what a visitor would tap and answers the page the app opened. */
export async function tapAndWaitForPage(
  miniProgram: MiniProgram,
  scope: Scope,
  selector: string,
  route: string,
): Promise<Page> {
  const previous = await miniProgram.currentPage();
  await tap(scope, selector);
  return waitForPage(miniProgram, route, previous);
}

export async function dataOf<T>(page: Page): Promise<T> {
  return (await page.data()) as T;
}

export function waitForData<T>(
  page: Page,
  what: string,
  done: (data: T) => boolean,
  timeoutMs = WAIT_MS,
): Promise<T> {
  return until(what, () => dataOf<T>(page), done, timeoutMs);
}

export async function find(scope: Scope, selector: string): Promise<Element> {
  const element = await scope.$(selector);
  if (!element) throw new Error(`nothing matches ${selector}`);
  return element;
}

/** A custom component (Vant, the mini player): its own template is reached through it. */
export async function component(scope: Scope, selector: string): Promise<CustomElement> {
  const element = await find(scope, selector);
  if (!(element instanceof automator.CustomElement)) {
    throw new Error(`${selector} is a <${element.tagName}>, not a custom component`);
  }
  return element;
}

export async function textInput(scope: Scope, selector: string): Promise<InputElement> {
  const element = await find(scope, selector);
  if (!(element instanceof automator.InputElement)) {
    throw new Error(`${selector} is a <${element.tagName}>, not an <input>`);
  }
  return element;
}

export async function tap(scope: Scope, selector: string): Promise<void> {
  await (await find(scope, selector)).tap();
}

export async function textOf(scope: Scope, selector: string): Promise<string> {
  return (await (await find(scope, selector)).text()).trim();
}
