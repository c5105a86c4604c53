import cloud from 'wx-server-sdk';
import { cloudMediaUrl } from '../../backend/domain/media';
import { createExhibitionsMain } from '../../backend/functions/exhibitions';
import { CloudBaseCatalogue } from '../../backend/repository/cloudbase';

// The SDK's typings predate DYNAMIC_CURRENT_ENV being a symbol; it is the documented value.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

// MEDIA_BASE_URL is set on the function in the CloudBase console, as on artworks.
export const main = createExhibitionsMain({
  repository: new CloudBaseCatalogue(cloud.database()),
  mediaUrl: cloudMediaUrl(process.env.MEDIA_BASE_URL),
  logError: (error) => console.error(error),
});
