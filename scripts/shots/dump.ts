/// <reference lib="dom" />
// Runs inside Jest's jsdom: turns a page rendered by miniprogram-simulate into plain HTML. Native
// components render no DOM attributes under simulate, so every value the template bound is read
// from the rendered tree (what simulate's toJSON() reports) and copied onto the element.
import { drawBuiltin, type VideoState } from './builtins';
import { escapeAttr, escapeText } from './html';
import { resolveStyle } from './rpx';

interface BoundNode {
  _vt?: {
    attrs: Array<{ name: string; value: unknown }>;
    event: Record<string, { handler?: unknown }>;
  };
}

/** Events that make an element a tap target. */
const TAP_EVENTS = ['tap', 'longpress', 'longtap'];

/** j-component keeps, on each DOM element, the node it rendered it from (`__wxElement`). */
function boundNodeOf(element: Element): BoundNode | undefined {
  return (element as unknown as { __wxElement?: BoundNode }).__wxElement;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** simulate prefixes each class with its component's tag: `main--card`, `van-button--van-button`. */
function prefixOf(element: Element): string {
  const prefixed = /(^|\s)([a-z][\w-]*?--)/.exec(element.getAttribute('class') ?? '')?.[2];
  if (prefixed) return prefixed;
  for (let node = element.parentElement; node; node = node.parentElement) {
    const tag = node.tagName.toLowerCase();
    if (!tag.startsWith('wx-')) return `${tag}--`;
  }
  return 'main--';
}

function attributeText(value: unknown): string | null {
  if (value === undefined || value === null || value === false) return null;
  if (value === true) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function serialize(node: Node, video: VideoState | undefined, out: string[]): void {
  if (node.nodeType === Node.TEXT_NODE) {
    const text = escapeText(node.textContent ?? '');
    // <text> keeps its line breaks, as the runtime draws them; spaces fold as in any element.
    out.push(node.parentElement?.tagName === 'WX-TEXT' ? text.replace(/\n/g, '<br>') : text);
    return;
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  const element = node as Element;
  const tag = element.tagName.toLowerCase();
  const vt = boundNodeOf(element)?._vt;
  const bound: Record<string, unknown> = {};
  for (const attr of vt?.attrs ?? []) bound[attr.name] = attr.value;

  const attributes = new Map<string, string>();
  for (const [name, value] of Object.entries(bound)) {
    if (name === 'class' || name === 'style') continue;
    const written = attributeText(value);
    if (written !== null) attributes.set(name.startsWith('data-') ? name : kebab(name), written);
  }
  // The DOM's class carries simulate's prefixes and the external classes already resolved.
  const className = element.getAttribute('class');
  if (className) attributes.set('class', className);
  const handlers = TAP_EVENTS.map((event) => vt?.event[event]?.handler).filter(
    (handler): handler is string => typeof handler === 'string' && handler !== '',
  );
  if (handlers.length) attributes.set('data-shots-tap', handlers.join(' '));

  const drawn = drawBuiltin(tag, bound, { prefix: prefixOf(element), video });
  // The template's own style, raw (simulate's DOM turns 1 rpx into 1 px), then the drawing's.
  const rawStyle =
    typeof bound.style === 'string' ? bound.style : (element.getAttribute('style') ?? '');
  const style = [resolveStyle(rawStyle), drawn.style ?? ''].filter((part) => part.trim()).join(';');
  if (style) attributes.set('style', style);

  out.push(`<${tag}`);
  for (const [name, value] of attributes) {
    out.push(value === '' ? ` ${name}` : ` ${name}="${escapeAttr(value)}"`);
  }
  out.push('>', drawn.inner ?? '');
  element.childNodes.forEach((child) => serialize(child, video, out));
  out.push(`</${tag}>`);
}

export interface CaptureOptions {
  /** The page's `<video>` is playing at this time (the dump draws its frame and controls). */
  video?: VideoState;
}

/** The page's tree (its `<main>` host and everything inside, components included) as HTML. */
export function capturePage(root: Element, options: CaptureOptions = {}): string {
  const out: string[] = [];
  serialize(root, options.video, out);
  return out.join('');
}
