/// <reference lib="dom" />
// Runs inside a frame of the rendered phone (passed to puppeteer's evaluate, so self-contained):
// the colour contrast of the text on screen, the tap targets' sizes, where named elements sit.

export interface TextSample {
  text: string;
  element: string;
  /** Text colour after opacity, composited on the background, as #rrggbb. */
  color: string;
  background: string;
  ratio: number;
  /** WCAG's large text (≥ 24 px, or ≥ 18.66 px bold): 3:1 would do. */
  large: boolean;
  /** The text sits on a picture or video: its background is not one colour. */
  overImage: boolean;
  /** Inside an element styled as disabled (WCAG exempts inactive controls). */
  disabled: boolean;
}

export interface TapTarget {
  element: string;
  text: string;
  width: number;
  height: number;
  /** Top edge within the frame's first screen (px). */
  top: number;
  onFirstScreen: boolean;
}

export interface Measured {
  selector: string;
  found: boolean;
  top: number;
  bottom: number;
  viewport: number;
}

export interface FrameAudit {
  viewport: { width: number; height: number };
  texts: TextSample[];
  taps: TapTarget[];
  measured: Measured[];
}

export interface AuditOptions {
  /** Only text under elements matching this selector (the chrome's own labels); all when empty. */
  textScope: string;
  measure: string[];
}

export function auditFrame(options: AuditOptions): FrameAudit {
  type Rgba = [number, number, number, number];
  const viewport = { width: window.innerWidth, height: window.innerHeight };

  const parse = (value: string): Rgba | null => {
    const body = /rgba?\(([^)]+)\)/.exec(value)?.[1];
    if (body === undefined) return null;
    const [r, g, b, alpha = 1] = body
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    if (r === undefined || g === undefined || b === undefined) return null;
    return [r, g, b, alpha];
  };
  const over = (top: Rgba, bottom: Rgba): Rgba => {
    const alpha = top[3] + bottom[3] * (1 - top[3]);
    if (alpha === 0) return [0, 0, 0, 0];
    const mix = (i: 0 | 1 | 2) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / alpha;
    return [mix(0), mix(1), mix(2), alpha];
  };
  const hex = (color: Rgba) =>
    `#${color
      .slice(0, 3)
      .map((channel) => Math.round(channel).toString(16).padStart(2, '0'))
      .join('')}`;
  const luminance = ([r, g, b]: Rgba) => {
    const linear = (channel: number) => {
      const c = channel / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const contrast = (a: Rgba, b: Rgba) => {
    const [x, y] = [luminance(a), luminance(b)];
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  };

  /** `#id`, else the first class without simulate's `<tag>--` prefix, with its component. */
  const describe = (element: Element): string => {
    const id = element.getAttribute('id');
    const first = (element.getAttribute('class') ?? '').trim().split(/\s+/)[0] ?? '';
    // Parts of a built-in drawn for the picture (an input's placeholder) are named after it.
    if (first.startsWith('shots-') && element.parentElement) {
      return `${describe(element.parentElement)} ${first.replace(/^shots-[a-z-]+__/, '')}`;
    }
    const prefixed = /^([a-z][\w-]*?)--(.+)$/.exec(first);
    const owner = prefixed && prefixed[1] !== 'main' ? `${prefixed[1]} ` : '';
    if (id) return `${owner}#${id}`;
    if (prefixed) return `${owner}.${prefixed[2]}`;
    return first ? `.${first}` : element.tagName.toLowerCase();
  };

  const opacityOf = (element: Element) => {
    let opacity = 1;
    for (let node: Element | null = element; node; node = node.parentElement) {
      opacity *= Number(getComputedStyle(node).opacity);
    }
    return opacity;
  };

  const clippedAway = (element: Element, rect: DOMRect) => {
    for (let node = element.parentElement; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const box = node.getBoundingClientRect();
      if (
        rect.right <= box.left ||
        rect.left >= box.right ||
        rect.bottom <= box.top ||
        rect.top >= box.bottom
      ) {
        return true;
      }
    }
    return false;
  };

  const onScreen = (rect: DOMRect) =>
    rect.width > 0 &&
    rect.height > 0 &&
    rect.bottom > 0 &&
    rect.top < viewport.height &&
    rect.right > 0 &&
    rect.left < viewport.width;

  const isMedia = (element: Element) =>
    ['wx-video', 'video', 'img', 'canvas'].includes(element.tagName.toLowerCase()) ||
    getComputedStyle(element).backgroundImage !== 'none';

  /** The colours painted under a point, from the text's element down to the canvas. */
  const backgroundAt = (element: Element, x: number, y: number) => {
    const stack = document.elementsFromPoint(x, y);
    const start = stack.findIndex((node) => node === element || node.contains(element));
    // Not hit, or something that is not part of the text is drawn over it.
    if (start < 0 || stack.slice(0, start).some((node) => !element.contains(node))) return null;
    const layers: Rgba[] = [];
    let overImage = false;
    for (const node of stack.slice(start)) {
      const color = parse(getComputedStyle(node).backgroundColor);
      if (color && color[3] > 0) layers.push(color);
      if (isMedia(node)) {
        overImage = true;
        break;
      }
      if (color && color[3] >= 1) break;
    }
    let painted: Rgba = [255, 255, 255, 1];
    for (const layer of layers.reverse()) painted = over(layer, painted);
    return { color: painted, overImage };
  };

  const texts: TextSample[] = [];
  const scope = options.textScope ? Array.from(document.querySelectorAll(options.textScope)) : null;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
    const element = node.parentElement;
    if (!text || !element) continue;
    if (scope && !scope.some((root) => root.contains(element))) continue;
    const style = getComputedStyle(element);
    if (style.visibility !== 'visible' || style.display === 'none') continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rect = Array.from(range.getClientRects()).find(onScreen);
    if (!rect || clippedAway(element, rect)) continue;
    const opacity = opacityOf(element);
    if (opacity === 0) continue;
    const x = Math.min(viewport.width - 1, Math.max(0, rect.left + rect.width / 2));
    const y = Math.min(viewport.height - 1, Math.max(0, rect.top + rect.height / 2));
    const below = backgroundAt(element, x, y);
    if (!below) continue; // covered by something drawn over it
    const ink = parse(style.color);
    if (!ink) continue;
    const color = over([ink[0], ink[1], ink[2], ink[3] * opacity], below.color);
    const size = parseFloat(style.fontSize);
    const bold = Number(style.fontWeight) >= 700;
    texts.push({
      text: text.slice(0, 24),
      element: describe(element),
      color: hex(color),
      background: hex(below.color),
      ratio: Math.round(contrast(color, below.color) * 100) / 100,
      large: size >= 24 || (bold && size >= 18.66),
      overImage: below.overImage,
      disabled: Boolean(element.closest('[class*="disabled"]')),
    });
  }

  const taps: TapTarget[] = [];
  for (const element of Array.from(document.querySelectorAll('[data-shots-tap], wx-button'))) {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    if (rect.width >= 44 && rect.height >= 44) continue;
    const label =
      element.getAttribute('aria-label') ?? (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    taps.push({
      element: describe(element),
      text: label.slice(0, 16),
      width: Math.round(rect.width * 10) / 10,
      height: Math.round(rect.height * 10) / 10,
      top: Math.round(rect.top),
      onFirstScreen: onScreen(rect),
    });
  }

  const measured = options.measure.map((selector): Measured => {
    const element = document.querySelector(selector);
    const rect = element?.getBoundingClientRect();
    return {
      selector,
      found: Boolean(rect),
      top: rect ? Math.round(rect.top * 10) / 10 : 0,
      bottom: rect ? Math.round(rect.bottom * 10) / 10 : 0,
      viewport: viewport.height,
    };
  });

  return { viewport, texts, taps, measured };
}
