import { existsSync, readFileSync } from 'fs';
import path from 'path';
import { hostAnswered } from './real-host';

const REPO_ROOT = path.join(__dirname, '..', '..', '..');
export const MINIPROGRAM_ROOT = path.join(REPO_ROOT, 'miniprogram');
/** What `npm run build` packs (packNpm): the npm components exactly as the package ships them. */
const NPM_ROOT = path.join(MINIPROGRAM_ROOT, 'miniprogram_npm');

/**
 * The part of miniprogram-simulate these tests use. Its own typings are not imported: they pull in
 * j-component's older copy of miniprogram-api-typings, and two copies of the globals break the
 * type inference of `Component()` in the pages.
 */
export interface SimulatedNode {
  dom?: Element;
  instance: WechatMiniprogram.Component.TrivialInstance & WechatMiniprogram.IAnyObject;
  querySelector(selector: string): SimulatedNode | undefined;
  querySelectorAll(selector: string): SimulatedNode[];
  dispatchEvent(eventName: string, options?: { detail?: unknown }): void;
  /** The node as the template wrote it: tag and attributes (e.g. a native `<video>`'s `src`). */
  toJSON(): { tagName: string; attrs: Array<{ name: string; value: unknown }> };
}

export interface PageComponent extends SimulatedNode {
  attach(parent: Element): void;
  detach(): void;
  /** Runs a page lifetime (`show`, `hide`) on the components inside, as the runtime does. */
  triggerPageLifeTime(name: string): void;
}

interface Simulate {
  load(componentPath: string, options: LoadOptions): string;
  load(componentPath: string, tagName: string, options: LoadOptions): string;
  render(id: string, properties?: Record<string, unknown>): PageComponent;
  sleep(ms: number): Promise<void>;
}

interface LoadOptions {
  rootPath: string;
  usingComponents?: Record<string, string>;
}

/**
 * The components app.json declares for every page (simulate does not read app.json), resolved as
 * WeChat resolves them: `/…` from the package root, anything else from miniprogram_npm. npm
 * components come first: the app's own may use them.
 */
function globalComponents(): Array<[tag: string, file: string]> {
  const app = JSON.parse(readFileSync(path.join(MINIPROGRAM_ROOT, 'app.json'), 'utf8')) as {
    usingComponents?: Record<string, string>;
  };
  const entries = Object.entries(app.usingComponents ?? {}).map(
    ([tag, target]): [string, string] => [
      tag,
      target.startsWith('/') ? path.join(MINIPROGRAM_ROOT, target) : path.join(NPM_ROOT, target),
    ],
  );
  const fromNpm = entries.filter(([, file]) => file.startsWith(NPM_ROOT));
  if (fromNpm.length > 0 && !existsSync(NPM_ROOT)) {
    throw new Error('miniprogram/miniprogram_npm 不存在：请先运行 npm run build');
  }
  return [...fromNpm, ...entries.filter(([, file]) => !file.startsWith(NPM_ROOT))];
}

const loadedIds = new WeakMap<Simulate, Map<string, string>>();

/**
 * A component's JS runs only once per Jest module registry, so each page or component is loaded
 * once per registry (per `require('miniprogram-simulate')`) and rendered as often as a test opens it.
 */
function loadOnce(simulate: Simulate, key: string, load: () => string): string {
  let ids = loadedIds.get(simulate);
  if (!ids) {
    ids = new Map();
    loadedIds.set(simulate, ids);
    // The official compiler's output caches each template's ops window-wide, keyed by file
    // number: a fresh registry compiles afresh, so an older compile's numbering must go.
    const compiled = (globalThis as { __WXML_GLOBAL__?: Record<string, unknown> }).__WXML_GLOBAL__;
    if (compiled) Object.assign(compiled, { ops_cached: {}, ops_set: {}, ops_init: {} });
  }
  let id = ids.get(key);
  if (id === undefined) {
    id = load();
    ids.set(key, id);
  }
  return id;
}

export interface OpenedPage {
  simulate: Simulate;
  page: PageComponent;
  /** The page instance: its methods are the page hooks the runtime calls. */
  instance: SimulatedNode['instance'];
}

/**
 * Opens a page the way the runtime does: query → properties, attach, then onLoad(query) and onShow.
 * Call after jest.resetModules() so each test gets fresh stores and a fresh component registry.
 */
export function openPage(name: string, query: Record<string, string> = {}): OpenedPage {
  const simulate = require('miniprogram-simulate') as Simulate;
  const id = loadOnce(simulate, `pages/${name}`, () => {
    const usingComponents: Record<string, string> = {};
    // One root, so one compile: two compiles would share the compiler's window-wide cache.
    for (const [tag, file] of globalComponents()) {
      usingComponents[tag] = loadOnce(simulate, tag, () =>
        simulate.load(file, tag, {
          rootPath: MINIPROGRAM_ROOT,
          usingComponents: { ...usingComponents },
        }),
      );
    }
    return simulate.load(path.join(MINIPROGRAM_ROOT, 'pages', name, 'index'), {
      rootPath: MINIPROGRAM_ROOT,
      usingComponents,
    });
  });
  const page = simulate.render(id, query);
  page.attach(document.createElement('parent-wrapper'));
  const instance = page.instance;
  instance.onLoad?.(query);
  instance.onShow?.();
  return { simulate, page, instance };
}

/**
 * Opens a page and waits until what it loads on opening has come in: pages that start a store
 * chain calls (the exhibitions list, then the chosen one), hence a few rounds.
 */
export async function openSettled(
  name: string,
  query: Record<string, string> = {},
  rounds = 6,
): Promise<OpenedPage> {
  const opened = openPage(name, query);
  await settle(opened.simulate, rounds);
  return opened;
}

/** Lets the backend answer, and pending promises, store reactions and setData settle. */
export async function settle(simulate: Simulate, times = 3): Promise<void> {
  for (let i = 0; i < times; i += 1) {
    await hostAnswered();
    await simulate.sleep(0);
  }
}

/** The visible text of a node, one space between separate text nodes (as a reader sees it). */
export function textOf(node: { dom?: Element } | null | undefined): string {
  const root = node?.dom;
  if (!root) return '';
  const parts: string[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const part = (text.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (part) parts.push(part);
  }
  return parts.join(' ');
}

/**
 * Taps an element and waits for the handler (events are dispatched asynchronously). `inner` picks
 * a node inside a custom component (e.g. the native button inside van-button), because a tap on
 * the host element never reaches the component's own handlers.
 */
export async function tap(opened: OpenedPage, selector: string, inner?: string): Promise<void> {
  const host = opened.page.querySelector(selector);
  const node = inner ? host?.querySelector(inner) : host;
  if (!node) throw new Error(`没有找到 ${selector} ${inner ?? ''}`);
  node.dispatchEvent('tap');
  await settle(opened.simulate);
}

/**
 * Fires an event of a native component (e.g. a `<video>`'s `timeupdate`) with the detail the
 * runtime would give, and waits for the handler.
 */
export async function fire(
  opened: OpenedPage,
  selector: string,
  eventName: string,
  detail: unknown = {},
): Promise<void> {
  const node = opened.page.querySelector(selector);
  if (!node) throw new Error(`没有找到 ${selector}`);
  node.dispatchEvent(eventName, { detail });
  await settle(opened.simulate);
}

/**
 * An attribute as the template bound it (`initial-time`). Native components (video, image) render
 * no DOM attributes under simulate, so this reads the bound value from the rendered tree, where
 * the compiled template names it in camelCase.
 */
export function attributeOf(node: SimulatedNode | undefined, name: string): unknown {
  const compiled = name.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
  return node?.toJSON().attrs.find((attr) => attr.name === compiled)?.value;
}

/**
 * Fires a component's own event (e.g. van-search `search`, detail = the text) as that component
 * would, without depending on how it is built inside.
 */
export async function emit(
  opened: OpenedPage,
  selector: string,
  eventName: string,
  detail: unknown,
): Promise<void> {
  const node = opened.page.querySelector(selector);
  if (!node) throw new Error(`没有找到 ${selector}`);
  node.instance.triggerEvent(eventName, detail);
  await settle(opened.simulate);
}

/** The events the page sent to one backend function, in order. */
export function eventsTo(functionName: string): Record<string, unknown>[] {
  return globalThis.fakeWx.requests
    .filter((request) => request.functionName === functionName)
    .map((request) => request.event);
}

/** The list requests the page sent, in order (the `artworks list` events). */
export function listEvents(): Record<string, unknown>[] {
  return globalThis.fakeWx.requests
    .filter((request) => request.functionName === 'artworks' && request.event.action === 'list')
    .map((request) => request.event);
}
