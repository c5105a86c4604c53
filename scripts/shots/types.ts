// What the Jest spec hands to the renderer, one JSON file per shot.

/** iphone-x: 375×812, notch and home indicator; iphone-8: 375×667, no home indicator. */
export type PhoneModel = 'iphone-x' | 'iphone-8';

export interface ShotDump {
  /** File name without extension, e.g. `01-collection`. */
  name: string;
  /** One line saying what the picture shows. */
  caption: string;
  /** The page folder under miniprogram/pages. */
  page: string;
  /** The title the page set with wx.setNavigationBarTitle, if it did. */
  title: string | null;
  phone: PhoneModel;
  /** The page's rendered tree as HTML, built-ins drawn, rpx resolved. */
  html: string;
  /** Scroll the webview so this element is at the top (the visitor scrolled there). */
  scrollTo?: string;
  /** Elements whose position on the first screen is reported (e.g. the play control). */
  measure?: string[];
}

/** Where the spec writes its dumps and finds the host (set by run.ts). */
export const ENV_DUMP_DIR = 'SHOTS_DUMP_DIR';
export const ENV_HOST_URL = 'SHOTS_HOST_URL';
