// Mini program codes from WeChat's open API: one stable access token, then one
// wxa/getwxacodeunlimit call per label. Every failure is a sentence naming errcode/errmsg.
import { LabelError } from './errors';
import type { CodeSettings } from './settings';

type WxacodeSettings = Extract<CodeSettings, { kind: 'wxacode' }>;

/** The page a label's code opens, with the scene as its `scene` query. */
export const LABEL_PAGE = 'pages/artwork/index';
const CODE_WIDTH = 430;

interface WechatError {
  errcode?: number;
  errmsg?: string;
}

export async function fetchWxacodes(
  settings: WxacodeSettings,
  scenes: ReadonlyArray<{ number: string; scene: string }>,
): Promise<Buffer[]> {
  const token = await accessToken(settings);
  const images: Buffer[] = [];
  // One at a time: a wrong setting stops the run at its first label, not after many calls.
  for (const { number, scene } of scenes) {
    images.push(await wxacode(settings, token, scene, `label ${number}`));
  }
  return images;
}

async function accessToken(settings: WxacodeSettings): Promise<string> {
  const response = await post(
    `${settings.apiBase}/cgi-bin/stable_token`,
    {
      grant_type: 'client_credential',
      appid: settings.appId,
      secret: settings.appSecret,
    },
    'the access token',
  );
  const body = (await readJson(response, 'the access token')) as WechatError & {
    access_token?: string;
  };
  if (typeof body.access_token === 'string' && body.access_token) return body.access_token;
  throw new LabelError(`WeChat refused the access token (stable_token): ${describe(body)}.`);
}

async function wxacode(
  settings: WxacodeSettings,
  token: string,
  scene: string,
  what: string,
): Promise<Buffer> {
  const url = `${settings.apiBase}/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`;
  const response = await post(
    url,
    {
      scene,
      page: LABEL_PAGE,
      check_path: false,
      env_version: settings.envVersion,
      width: CODE_WIDTH,
    },
    what,
  );
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('image/')) {
    const body = (await readJson(response, what)) as WechatError;
    throw new LabelError(
      `WeChat made no mini program code for ${what} (scene "${scene}"): ${describe(body)}.`,
    );
  }
  const image = Buffer.from(await response.arrayBuffer());
  if (!isPng(image) && !isJpeg(image)) {
    throw new LabelError(
      `WeChat's answer for ${what} says ${type} but is neither a PNG nor a JPEG.`,
    );
  }
  return image;
}

async function post(url: string, body: object, what: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
  } catch (error) {
    const host = new URL(url).origin;
    const { cause } = error as { cause?: { code?: string; message?: string } };
    const reason = cause?.code ?? cause?.message;
    throw new LabelError(
      `Could not reach ${host} for ${what}: ${(error as Error).message}${reason ? ` (${reason})` : ''}.`,
    );
  }
  if (!response.ok) {
    throw new LabelError(`WeChat answered HTTP ${response.status} for ${what}.`);
  }
  return response;
}

async function readJson(response: Response, what: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new LabelError(
      `WeChat's answer for ${what} is neither an image nor JSON: ${text.slice(0, 120)}`,
    );
  }
}

function describe(body: WechatError): string {
  return `errcode ${body.errcode ?? '(none)'}, errmsg "${body.errmsg ?? ''}"`;
}

function isPng(bytes: Buffer): boolean {
  return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}

function isJpeg(bytes: Buffer): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}
