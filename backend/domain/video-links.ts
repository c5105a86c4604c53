import { AppError } from './errors';
import type { LinkSigner } from './signing';

/** A playable link to a video file that stops working at `expiresAt` (ms since the epoch). */
export interface VideoLink {
  url: string;
  expiresAt: number;
}

/** Turns a media-relative path (e.g. `video/tour.mp4`) into an expiring link. */
export type VideoLinker = (relativePath: string) => Promise<VideoLink>;

/** Local host: a link signed with the host's secret, checked by its media route. */
export function localVideoLinker(signer: LinkSigner): VideoLinker {
  return async (relativePath) => signer.sign(relativePath);
}

/** The part of wx-server-sdk this needs: `cloud.getTempFileURL`. */
/** wx-server-sdk's getTempFileURL as the SDK types it (a promise unless a callback is given). */
export interface TempFileUrlSource {
  getTempFileURL(options: { fileList: Array<{ fileID: string; maxAge: number }> }): Promise<{
    fileList: Array<{ fileID: string; tempFileURL: string; status: number; errMsg: string }>;
  }> | void;
}

/**
 * CloudBase: a temporary URL for the file in cloud storage. `filePrefix` is the environment's
 * `cloud://…` prefix; the link is given a little less time than storage grants so it never
 * reaches the visitor already stale.
 */
export function cloudVideoLinker(
  cloud: TempFileUrlSource,
  options: { filePrefix: string | undefined; maxAgeSeconds: number; now?: () => number },
): VideoLinker {
  const now = options.now ?? Date.now;
  return async (relativePath) => {
    if (!options.filePrefix?.startsWith('cloud://')) {
      throw new AppError(
        'UNAVAILABLE',
        '服务尚未配置云存储位置（云函数环境变量 CLOUD_FILE_PREFIX，形如 cloud://环境ID.xxx），请联系管理员。',
      );
    }
    const fileID = `${options.filePrefix.replace(/\/+$/, '')}/${relativePath}`;
    const requested = now();
    const answer = cloud.getTempFileURL({
      fileList: [{ fileID, maxAge: options.maxAgeSeconds }],
    });
    if (!(answer instanceof Promise))
      throw new Error('wx-server-sdk: getTempFileURL answered no promise');
    const result = await answer;
    const file = result.fileList.find((entry) => entry.fileID === fileID) ?? result.fileList[0];
    if (!file || file.status !== 0 || !file.tempFileURL) {
      throw new AppError(
        'UNAVAILABLE',
        `暂时无法生成视频链接：${file?.errMsg ?? '云存储没有回答'}（${relativePath}）。`,
      );
    }
    const margin = Math.min(60, options.maxAgeSeconds / 10);
    return {
      url: file.tempFileURL,
      expiresAt: requested + (options.maxAgeSeconds - margin) * 1000,
    };
  };
}
