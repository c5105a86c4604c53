// Mini program codes from WeChat's open API: one stable access token, then one
// wxa/getwxacodeunlimit call per label. Every failure is a sentence naming errcode/errmsg.
import {
  describeWechatAnswer,
  postJson,
  readJson,
  stableAccessToken,
  WechatApiError,
  type WechatAnswer,
} from '../wechat-api';
import { LabelError } from './errors';
import type { CodeSettings } from './settings';

type WxacodeSettings = Extract<CodeSettings, { kind: 'wxacode' }>;

/** The page a label's code opens, with the scene as its `scene` query. */
export const LABEL_PAGE = 'pages/artwork/index';
const CODE_WIDTH = 430;

export async function fetchWxacodes(
  settings: WxacodeSettings,
  scenes: ReadonlyArray<{ number: string; scene: string }>,
): Promise<Buffer[]> {
  const token = await asLabelError(stableAccessToken(settings));
  const images: Buffer[] = [];
  // One at a time: a wrong setting stops the run at its first label, not after many calls.
  for (const { number, scene } of scenes) {
    images.push(await wxacode(settings, token, scene, `label ${number}`));
  }
  return images;
}

/** The shared API helpers throw WechatApiError; this script reports LabelErrors. */
async function asLabelError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw error instanceof WechatApiError ? new LabelError(error.message) : error;
  }
}

async function wxacode(
  settings: WxacodeSettings,
  token: string,
  scene: string,
  what: string,
): Promise<Buffer> {
  const url = `${settings.apiBase}/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`;
  const response = await asLabelError(
    postJson(
      url,
      {
        scene,
        page: LABEL_PAGE,
        check_path: false,
        env_version: settings.envVersion,
        width: CODE_WIDTH,
      },
      what,
    ),
  );
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('image/')) {
    const body = (await asLabelError(readJson(response, what))) as WechatAnswer;
    throw new LabelError(
      `WeChat made no mini program code for ${what} (scene "${scene}"): ${describeWechatAnswer(body)}.`,
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

function isPng(bytes: Buffer): boolean {
  return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}

function isJpeg(bytes: Buffer): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}
