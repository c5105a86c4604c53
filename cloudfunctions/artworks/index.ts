import cloud from 'wx-server-sdk';
import { createArtworksMain } from '../../backend/functions/artworks';
import { CloudBaseCatalogue } from '../../backend/repository/cloudbase';
import { cloudMediaUrl } from '../../backend/domain/media';

// The SDK's typings predate DYNAMIC_CURRENT_ENV being a symbol; it is the documented value.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

// MEDIA_BASE_URL is set on the function in the CloudBase console: the cloud:// file ID prefix or a CDN URL.
export const main = createArtworksMain({
  repository: new CloudBaseCatalogue(cloud.database()),
  mediaUrl: cloudMediaUrl(process.env.MEDIA_BASE_URL),
  logError: (error) => console.error(error),
});
