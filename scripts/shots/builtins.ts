// WeChat's built-in components drawn in plain HTML: the runtime draws them natively (or in its own
// shadow markup), simulate renders them as empty `wx-*` elements. Each drawing reads the values the
// template bound (camelCase, as the compiled template names them).
import { cssUrl, escapeAttr, escapeText } from './html';
import { resolveStyle } from './rpx';

export type Bound = Record<string, unknown>;

/** A built-in's drawing: CSS appended to its inline style, markup placed before its children. */
export interface Drawn {
  style?: string;
  inner?: string;
}

/** A `<video>` the shot shows playing, at this time (s) of a video this long. */
export interface VideoState {
  time: number;
  duration: number;
}

export interface DrawContext {
  /** The class prefix of the component that owns the element (simulate's `<tag>--`). */
  prefix: string;
  video?: VideoState;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function number(value: unknown, fallback: number): number {
  const parsed = typeof value === 'number' ? value : Number(value);
  return value === undefined || value === '' || !Number.isFinite(parsed) ? fallback : parsed;
}

const POSITION_MODES: Record<string, string> = {
  top: 'center top',
  bottom: 'center bottom',
  center: 'center center',
  left: 'left center',
  right: 'right center',
  'top left': 'left top',
  'top right': 'right top',
  'bottom left': 'left bottom',
  'bottom right': 'right bottom',
};

function image(bound: Bound): Drawn {
  const src = text(bound.src);
  if (!src) return {};
  const mode = text(bound.mode) || 'scaleToFill';
  const background = `background-image:${cssUrl(src)};background-repeat:no-repeat;`;
  // widthFix/heightFix: an invisible copy of the picture gives the box its intrinsic ratio.
  const sizer = (extra: string) =>
    `<img class="shots-sizer${extra}" src="${escapeAttr(src)}" alt="" aria-hidden="true">`;
  switch (mode) {
    case 'aspectFill':
      return { style: `${background}background-size:cover;background-position:center` };
    case 'aspectFit':
      return { style: `${background}background-size:contain;background-position:center` };
    case 'widthFix':
      return { style: `${background}background-size:100% 100%;height:auto`, inner: sizer('') };
    case 'heightFix':
      return {
        style: `${background}background-size:100% 100%;width:auto`,
        inner: sizer(' shots-sizer--height'),
      };
    default:
      if (POSITION_MODES[mode]) {
        return {
          style: `${background}background-size:auto;background-position:${POSITION_MODES[mode]}`,
        };
      }
      return { style: `${background}background-size:100% 100%` };
  }
}

function slider(bound: Bound): Drawn {
  const min = number(bound.min, 0);
  const max = number(bound.max, 100);
  const value = Math.min(max, Math.max(min, number(bound.value, min)));
  const percent = max > min ? ((value - min) / (max - min)) * 100 : 0;
  const active = text(bound.activeColor) || text(bound.selectedColor) || '#1aad19';
  const track = text(bound.backgroundColor) || text(bound.color) || '#e9e9e9';
  const block = Math.min(28, Math.max(12, number(bound.blockSize, 28)));
  const blockColor = text(bound.blockColor) || '#ffffff';
  const showValue =
    bound.showValue === true ? `<span class="shots-slider__value">${value}</span>` : '';
  const inner =
    `<div class="shots-slider"><div class="shots-slider__area">` +
    `<div class="shots-slider__track" style="background-color:${escapeAttr(track)}">` +
    `<div class="shots-slider__active" style="width:${percent}%;background-color:${escapeAttr(active)}"></div>` +
    `<div class="shots-slider__thumb" style="left:${percent}%;width:${block}px;height:${block}px;` +
    `margin:${-block / 2}px 0 0 ${-block / 2}px;background-color:${escapeAttr(blockColor)}"></div>` +
    `</div></div>${showValue}</div>`;
  return { inner };
}

function clock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(Math.floor(whole / 60))}:${pad(whole % 60)}`;
}

function video(bound: Bound, state: VideoState | undefined): Drawn {
  const fit = ({ fill: 'fill', cover: 'cover' } as Record<string, string>)[text(bound.objectFit)];
  const media = (attributes: string) =>
    `<video class="shots-video__media" style="object-fit:${fit ?? 'contain'}" muted playsinline ${attributes}></video>`;
  if (!state) {
    // Not started: the poster, and the centre play button unless the template turned it off.
    const poster = text(bound.poster);
    const centre =
      bound.showCenterPlayBtn === false ? '' : '<div class="shots-video__centre"></div>';
    return {
      inner: media(`preload="none"${poster ? ` poster="${escapeAttr(poster)}"` : ''}`) + centre,
    };
  }
  // Playing: the frame at that time (the renderer seeks to it) and the control bar.
  const percent = state.duration > 0 ? Math.min(100, (state.time / state.duration) * 100) : 0;
  const bar =
    bound.controls === false
      ? ''
      : `<div class="shots-video__bar"><span class="shots-video__pause"></span>` +
        `<span class="shots-video__time">${clock(state.time)}</span>` +
        `<span class="shots-video__progress"><span style="width:${percent}%"></span></span>` +
        `<span class="shots-video__time">${clock(state.duration)}</span></div>`;
  const src = text(bound.src);
  return {
    inner: media(`preload="auto" data-shots-time="${state.time}" src="${escapeAttr(src)}"`) + bar,
  };
}

function input(bound: Bound, prefix: string): Drawn {
  const value = bound.value === undefined || bound.value === null ? '' : String(bound.value);
  if (value) return { inner: `<span class="shots-input__value">${escapeText(value)}</span>` };
  const placeholder = text(bound.placeholder);
  if (!placeholder) return {};
  const classes = text(bound.placeholderClass)
    .split(/\s+/)
    .filter(Boolean)
    .map((name) => ` ${prefix}${name}`)
    .join('');
  const style = resolveStyle(text(bound.placeholderStyle));
  return {
    inner: `<span class="shots-input__placeholder${escapeAttr(classes)}" style="${escapeAttr(style)}">${escapeText(placeholder)}</span>`,
  };
}

function scrollView(bound: Bound): Drawn {
  const x = bound.scrollX === true ? 'overflow-x:auto;' : 'overflow-x:hidden;';
  const y = bound.scrollY === true ? 'overflow-y:auto;' : 'overflow-y:hidden;';
  return { style: x + y };
}

export function drawBuiltin(tag: string, bound: Bound, context: DrawContext): Drawn {
  switch (tag) {
    case 'wx-image':
      return image(bound);
    case 'wx-slider':
      return slider(bound);
    case 'wx-video':
      return video(bound, context.video);
    case 'wx-input':
    case 'wx-textarea':
      return input(bound, context.prefix);
    case 'wx-scroll-view':
      return scrollView(bound);
    default:
      return {};
  }
}

/** The runtime's own styles for the built-ins (WeChat's base sheet, approximated). */
export const BUILTIN_CSS = `
html, body { margin: 0; padding: 0; }
body { -webkit-text-size-adjust: none; -webkit-font-smoothing: antialiased; }
[hidden] { display: none !important; }
/* A picture is one moment: animations (skeleton pulse, spinners) held at their start. */
*, *::before, *::after { animation-delay: 0s !important; animation-play-state: paused !important;
  transition: none !important; caret-color: transparent; }
wx-view, wx-scroll-view, wx-slider, wx-form, wx-progress, wx-swiper { display: block; }
wx-text { display: inline; }
wx-image { display: inline-block; position: relative; overflow: hidden; width: 320px; height: 240px; }
.shots-sizer { display: block; width: 100%; height: auto; visibility: hidden; }
.shots-sizer--height { width: auto; height: 100%; }
wx-scroll-view { position: relative; scrollbar-width: none; }
wx-scroll-view::-webkit-scrollbar { display: none; }
wx-button { position: relative; display: block; box-sizing: border-box; margin-left: auto; margin-right: auto;
  padding-left: 14px; padding-right: 14px; overflow: hidden; border-radius: 5px; background-color: #f8f8f8;
  color: #000; font-size: 18px; line-height: 2.55555556; text-align: center; text-decoration: none; }
wx-button::after { content: " "; position: absolute; top: 0; left: 0; box-sizing: border-box; width: 200%;
  height: 200%; border: 1px solid rgba(0, 0, 0, 0.2); border-radius: 10px; transform: scale(0.5);
  transform-origin: 0 0; }
wx-input, wx-textarea { display: block; position: relative; overflow: hidden; height: 1.4rem; min-height: 1.4rem;
  white-space: nowrap; text-overflow: clip; }
.shots-input__placeholder { color: #808080; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
wx-slider { margin: 10px 18px; padding: 0; }
.shots-slider { display: flex; align-items: center; }
.shots-slider__area { flex: 1; padding: 8px 0; }
.shots-slider__track { position: relative; height: 2px; border-radius: 5px; }
.shots-slider__active { height: 100%; border-radius: 5px; }
.shots-slider__thumb { position: absolute; top: 50%; border-radius: 50%; box-shadow: 0 0 4px rgba(0, 0, 0, 0.2); }
.shots-slider__value { margin-left: 14px; color: #888; font-size: 14px; }
wx-video { display: inline-block; position: relative; overflow: hidden; width: 300px; height: 225px;
  background-color: #000; line-height: 0; }
.shots-video__media { position: absolute; top: 0; left: 0; width: 100%; height: 100%; background-color: #000; }
.shots-video__centre { position: absolute; top: 50%; left: 50%; width: 0; height: 0; margin: -18px 0 0 -10px;
  border-style: solid; border-width: 18px 0 18px 30px; border-color: transparent transparent transparent rgba(255, 255, 255, 0.9);
  filter: drop-shadow(0 0 6px rgba(0, 0, 0, 0.4)); }
.shots-video__bar { position: absolute; right: 0; bottom: 0; left: 0; display: flex; align-items: center; height: 44px;
  padding: 0 12px; background-image: linear-gradient(transparent, rgba(0, 0, 0, 0.5)); color: #fff; font-size: 12px;
  line-height: 1; }
.shots-video__pause { width: 4px; height: 14px; margin-right: 12px; border-left: 4px solid #fff; border-right: 4px solid #fff; }
.shots-video__time { flex: none; font-variant-numeric: tabular-nums; }
.shots-video__progress { position: relative; flex: 1; height: 2px; margin: 0 10px; background-color: rgba(255, 255, 255, 0.4); }
.shots-video__progress > span { position: absolute; top: 0; bottom: 0; left: 0; background-color: #fff; }
`;
