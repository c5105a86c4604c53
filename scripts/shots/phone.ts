// The phone around the WebView, drawn from app.json and the page's own .json: status bar,
// navigation bar (title, back button, WeChat's capsule), tab bar on tab pages, home indicator.
import { readFileSync } from 'fs';
import path from 'path';
import { escapeAttr, escapeText } from './html';
import { MINIPROGRAM_ROOT } from './wxss';
import type { PhoneModel } from './types';

export interface PhoneGeometry {
  width: number;
  height: number;
  statusBar: number;
  navigationBar: number;
  tabBar: number;
  homeIndicator: number;
}

export const PHONES: Record<PhoneModel, PhoneGeometry> = {
  'iphone-x': {
    width: 375,
    height: 812,
    statusBar: 44,
    navigationBar: 44,
    tabBar: 49,
    homeIndicator: 34,
  },
  'iphone-8': {
    width: 375,
    height: 667,
    statusBar: 20,
    navigationBar: 44,
    tabBar: 49,
    homeIndicator: 0,
  },
};

interface WindowConfig {
  navigationBarTitleText?: string;
  navigationBarBackgroundColor?: string;
  navigationBarTextStyle?: 'black' | 'white';
  backgroundColor?: string;
}

interface AppConfig {
  window?: WindowConfig;
  tabBar?: {
    color: string;
    selectedColor: string;
    backgroundColor: string;
    borderStyle?: 'black' | 'white';
    list: Array<{ pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }>;
  };
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

/** Noto Sans CJK stands in for PingFang SC, the face the app's font stack asks for first. */
export const FONT_CSS = `
@font-face { font-family: 'PingFang SC'; font-weight: 100 500; src: local('Noto Sans CJK SC'), local('NotoSansCJKsc-Regular'); }
@font-face { font-family: 'PingFang SC'; font-weight: 600 900; src: local('Noto Sans CJK SC Bold'), local('NotoSansCJKsc-Bold'); }
`;

export interface Screen {
  page: string;
  /** What the page set with wx.setNavigationBarTitle, over its .json's title. */
  title: string | null;
  phone: PhoneModel;
}

export interface PhoneLayout {
  geometry: PhoneGeometry;
  isTabPage: boolean;
  /** The WebView's size: the page scrolls inside it. */
  webviewHeight: number;
  /** The WebView's bottom safe area (the home indicator, unless the tab bar covers it). */
  safeBottom: number;
}

function appConfig(): AppConfig {
  return readJson<AppConfig>(path.join(MINIPROGRAM_ROOT, 'app.json'));
}

export function layoutOf(screen: Screen): PhoneLayout {
  const geometry = PHONES[screen.phone];
  const pagePath = `pages/${screen.page}/index`;
  const isTabPage = Boolean(appConfig().tabBar?.list.some((tab) => tab.pagePath === pagePath));
  const chrome = geometry.statusBar + geometry.navigationBar;
  const bottom = isTabPage ? geometry.tabBar + geometry.homeIndicator : 0;
  return {
    geometry,
    isTabPage,
    webviewHeight: geometry.height - chrome - bottom,
    safeBottom: isTabPage ? 0 : geometry.homeIndicator,
  };
}

function dataUrl(file: string): string {
  return `data:image/png;base64,${readFileSync(path.join(MINIPROGRAM_ROOT, file)).toString('base64')}`;
}

function statusBar(geometry: PhoneGeometry, color: string): string {
  const notched = geometry.homeIndicator > 0;
  return `<div class="status${notched ? ' status--notched' : ''}" style="height:${geometry.statusBar}px">
  <span class="status__time">9:41</span>
  <span class="status__icons" style="color:${color}"><i class="signal"><b></b><b></b><b></b><b></b></i><i class="wifi"></i><i class="battery"><b></b></i></span>
</div>`;
}

function tabBar(
  config: NonNullable<AppConfig['tabBar']>,
  page: string,
  layout: PhoneLayout,
): string {
  const border =
    config.borderStyle === 'white' ? 'rgba(255, 255, 255, 0.33)' : 'rgba(0, 0, 0, 0.33)';
  const items = config.list
    .map((tab) => {
      const selected = tab.pagePath === `pages/${page}/index`;
      const icon = selected ? (tab.selectedIconPath ?? tab.iconPath) : tab.iconPath;
      const color = selected ? config.selectedColor : config.color;
      return `<div class="tab"><img src="${icon ? dataUrl(icon) : ''}" alt=""><span class="tab__text" data-audit="tab bar" style="color:${color}">${escapeText(tab.text)}</span></div>`;
    })
    .join('');
  return `<div class="tabbar" style="background-color:${config.backgroundColor};height:${layout.geometry.tabBar + layout.geometry.homeIndicator}px;box-shadow:inset 0 0.5px 0 ${border}">
  <div class="tabbar__items" style="height:${layout.geometry.tabBar}px">${items}</div>
</div>`;
}

/** The phone's page: chrome around an iframe holding the WebView's document. */
export function phoneDocument(screen: Screen, webview: string): string {
  const app = appConfig();
  const own = readJson<WindowConfig>(
    path.join(MINIPROGRAM_ROOT, 'pages', screen.page, 'index.json'),
  );
  const window: WindowConfig = { ...app.window, ...own };
  const layout = layoutOf(screen);
  const { geometry } = layout;
  const barColor = window.navigationBarBackgroundColor ?? '#000000';
  const textColor = window.navigationBarTextStyle === 'white' ? '#ffffff' : '#000000';
  const title = screen.title ?? window.navigationBarTitleText ?? '';
  const back = layout.isTabPage ? '' : '<span class="nav__back"></span>';
  const tabs = layout.isTabPage && app.tabBar ? tabBar(app.tabBar, screen.page, layout) : '';
  // Without a tab bar the home indicator sits over the page, as on the phone.
  const indicator =
    geometry.homeIndicator > 0
      ? `<span class="indicator" style="background-color:#000"></span>`
      : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><style>
${FONT_CSS}
html, body { margin: 0; background: #000; }
.phone { position: relative; overflow: hidden; width: ${geometry.width}px; height: ${geometry.height}px;
  background-color: ${window.backgroundColor ?? '#ffffff'}; font-family: 'PingFang SC', sans-serif; color: ${textColor}; }
.status { display: flex; align-items: center; justify-content: space-between; box-sizing: border-box; padding: 0 6px;
  background-color: ${barColor}; font-size: 12px; font-weight: 600; }
.status--notched { padding: 4px 18px 0 32px; font-size: 15px; }
.status__icons { display: flex; align-items: center; gap: 5px; }
.signal { display: flex; align-items: flex-end; gap: 1.5px; height: 11px; }
.signal b { width: 3px; border-radius: 1px; background: currentColor; }
.signal b:nth-child(1) { height: 4px; } .signal b:nth-child(2) { height: 6px; }
.signal b:nth-child(3) { height: 8.5px; } .signal b:nth-child(4) { height: 11px; }
.wifi { width: 15px; height: 15px; margin-top: 5px; border-radius: 50% 50% 0 0; background:
  radial-gradient(circle at 50% 100%, currentColor 0 2.5px, transparent 3px 5px, currentColor 5.5px 8px, transparent 8.5px 10.5px, currentColor 11px 13.5px, transparent 14px);
  clip-path: polygon(50% 100%, 0 10%, 100% 10%); }
.battery { position: relative; display: block; box-sizing: border-box; width: 24px; height: 11.5px; padding: 1.5px;
  border: 1px solid currentColor; border-radius: 3px; opacity: 0.9; }
.battery b { display: block; height: 100%; border-radius: 1px; background: currentColor; }
.battery::after { content: ''; position: absolute; top: 3px; right: -3px; width: 1.5px; height: 4px; border-radius: 0 1px 1px 0; background: currentColor; }
.nav { position: relative; display: flex; align-items: center; justify-content: center; height: ${geometry.navigationBar}px;
  background-color: ${barColor}; }
.nav__title { max-width: 180px; overflow: hidden; font-size: 17px; font-weight: 600; white-space: nowrap; text-overflow: ellipsis; }
.nav__back { position: absolute; top: 50%; left: 18px; width: 11px; height: 11px; margin-top: -6px;
  border-left: 2px solid ${textColor}; border-bottom: 2px solid ${textColor}; transform: rotate(45deg); }
.capsule { position: absolute; top: 6px; right: 7px; display: flex; align-items: center; box-sizing: border-box; width: 87px; height: 32px;
  border: 0.5px solid rgba(0, 0, 0, 0.1); border-radius: 16px; background: rgba(255, 255, 255, 0.6); }
.capsule__more, .capsule__close { flex: 1; display: flex; align-items: center; justify-content: center; height: 100%; }
.capsule__more i { width: 4px; height: 4px; margin: 0 1.5px; border-radius: 50%; background: ${textColor}; }
.capsule__more i:nth-child(2) { width: 6px; height: 6px; }
.capsule__line { width: 0.5px; height: 18px; background: rgba(0, 0, 0, 0.15); }
.capsule__close i { box-sizing: border-box; width: 18px; height: 18px; border: 2px solid ${textColor}; border-radius: 50%;
  background: radial-gradient(circle, ${textColor} 0 3px, transparent 3.5px); }
iframe { display: block; width: ${geometry.width}px; height: ${layout.webviewHeight}px; border: 0; }
.tabbar { box-sizing: border-box; }
.tabbar__items { display: flex; }
.tab { flex: 1; display: flex; flex-direction: column; align-items: center; justify-content: center; padding-top: 2px; }
.tab img { width: 24px; height: 24px; }
.tab__text { margin-top: 2px; font-size: 10px; line-height: 1.2; }
.indicator { position: absolute; bottom: 8px; left: 50%; width: 134px; height: 5px; margin-left: -67px; border-radius: 3px; }
</style></head>
<body><div class="phone">
${statusBar(geometry, textColor)}
<div class="nav">${back}<span class="nav__title" data-audit="navigation bar">${escapeText(title)}</span>
  <span class="capsule"><span class="capsule__more"><i></i><i></i><i></i></span><span class="capsule__line"></span><span class="capsule__close"><i></i></span></span></div>
<iframe srcdoc="${escapeAttr(webview)}"></iframe>
${tabs}
${indicator}
</div></body></html>`;
}
