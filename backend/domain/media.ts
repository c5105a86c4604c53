import { AppError } from './errors';
import type { MediaUrl } from './catalogue';

function joinBase(base: string, relative: string): string {
  return `${base.replace(/\/+$/, '')}/${relative.replace(/^\/+/, '')}`;
}

/** Local host: media served by the host itself under /media/. */
export function localMediaUrl(publicUrl: string): MediaUrl {
  return (relative) => joinBase(`${publicUrl.replace(/\/+$/, '')}/media`, relative);
}

/** CloudBase: media in cloud storage or behind a CDN, at a base URL configured on the function. */
export function cloudMediaUrl(base: string | undefined): MediaUrl {
  return (relative) => {
    if (!base) {
      throw new AppError(
        'UNAVAILABLE',
        '服务尚未配置媒体地址（云函数环境变量 MEDIA_BASE_URL），请联系管理员。',
      );
    }
    return joinBase(base, relative);
  };
}
