import QRCode from 'qrcode';
import type { WallLabel } from './catalogue';
import { LabelError } from './errors';
import type { CodeSettings } from './settings';
import { fetchWxacodes } from './wxacode';

/** getwxacodeunlimit's limits on `scene`: at most 32 characters, from this set only. */
export const SCENE_LIMIT = 32;
const SCENE_CHARACTERS = /^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]+$/;

/** The scene of a label's mini program code; refuses one WeChat would reject. */
export function sceneFor(exhibitionId: string, number: string): string {
  const scene = `${exhibitionId}/${number}`;
  if (scene.length > SCENE_LIMIT) {
    throw new LabelError(
      `Label ${number}: the scene "${scene}" has ${scene.length} characters, over WeChat's limit of ${SCENE_LIMIT}; use a shorter exhibition id.`,
    );
  }
  if (!SCENE_CHARACTERS.test(scene)) {
    throw new LabelError(
      `Label ${number}: the scene "${scene}" holds characters WeChat does not allow (only letters, digits and !#$&'()*+,/:;=?@-._~).`,
    );
  }
  return scene;
}

export function linkFor(linkBase: string, exhibitionId: string, number: string): string {
  return `${linkBase}/${encodeURIComponent(exhibitionId)}/${encodeURIComponent(number)}`;
}

// Grey without alpha (pngjs' colorType 0, untyped in @types/qrcode): the PDF holds one image, no mask.
const GREY_PNG = { deflateLevel: 9, colorType: 0 };

/** A plain QR code as a PNG; the four-module quiet zone is part of the image. */
export function plainQrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 4,
    scale: 8,
    rendererOpts: GREY_PNG,
  });
}

/** One image per label, in the labels' order. */
export async function makeCodes(
  code: CodeSettings,
  exhibitionId: string,
  labels: readonly WallLabel[],
): Promise<Buffer[]> {
  if (code.kind === 'wxacode') {
    const scenes = labels.map((label) => ({
      number: label.number,
      scene: sceneFor(exhibitionId, label.number),
    }));
    return fetchWxacodes(code, scenes);
  }
  return Promise.all(
    labels.map((label) => plainQrPng(linkFor(code.linkBase, exhibitionId, label.number))),
  );
}

export function describeCodes(code: CodeSettings): string {
  return code.kind === 'wxacode'
    ? `mini program codes (wxacode.getUnlimited, ${code.envVersion})`
    : `plain QR codes (${code.linkBase}/…${code.example ? ', example prefix' : ''})`;
}
