import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import path from 'path';
import { generateArtworks, generatedExhibition } from '../content/generated';
import { loadCatalogue } from '../content/load';
import { localMediaUrl } from '../domain/media';
import { packDataExhibition, type BuiltPack } from '../domain/packs';
import { createLinkSigner, type LinkSigner } from '../domain/signing';
import { localVideoLinker } from '../domain/video-links';
import { createArtworksMain } from '../functions/artworks';
import { createExhibitionsMain, packOf } from '../functions/exhibitions';
import { createLivesMain } from '../functions/lives';
import { createPaymentsMain } from '../functions/payments';
import { createReplaysMain } from '../functions/replays';
import { createStatsMain, STATS_RATE_LIMIT, staffOpenids } from '../functions/stats';
import { createVisitorsMain } from '../functions/visitors';
import { NedbCatalogue, NedbVisitors, seedLocalStore } from '../repository/nedb';
import { NedbLiveState } from '../repository/nedb-live-state';
import { NedbStats } from '../repository/nedb-stats';
import { openidOfHostContext, type FunctionMain, type HostOptions } from './app';

export const ROOT_DIR = path.resolve(__dirname, '../..');
export const CONTENT_DIR = process.env.CONTENT_DIR ?? path.join(ROOT_DIR, 'content');
export const MEDIA_DIR = path.join(CONTENT_DIR, 'media');
export const STORE_DIR = process.env.STORE_DIR ?? path.join(ROOT_DIR, '.local', 'store');
export const SECRET_FILE = path.join(ROOT_DIR, '.local', 'signing-secret');
/** Visitors' favourites: written by the host, unlike the catalogue store, so kept apart from it. */
export const VISITORS_FILE =
  process.env.VISITORS_FILE ?? path.join(ROOT_DIR, '.local', 'visitors', 'visitors.db');

/** Media folders whose links expire: the host serves them only on a valid signature. */
export const SIGNED_MEDIA_PREFIX = 'video/';

export interface LocalSettings {
  port: number;
  host: string;
  /** The address the mini program uses to reach this host (media URLs are built on it). */
  publicUrl: string;
  /** How long a signed video link stays valid, in seconds. */
  videoLinkTtl: number;
}

export function localSettings(env: NodeJS.ProcessEnv = process.env): LocalSettings {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  }
  const host = env.HOST ?? '127.0.0.1';
  const videoLinkTtl = Number(env.VIDEO_LINK_TTL ?? 2 * 60 * 60);
  if (!Number.isInteger(videoLinkTtl) || videoLinkTtl < 1) {
    throw new Error(
      `VIDEO_LINK_TTL must be a whole number of seconds, got "${env.VIDEO_LINK_TTL}"`,
    );
  }
  return { port, host, publicUrl: env.PUBLIC_URL ?? `http://${host}:${port}`, videoLinkTtl };
}

/**
 * The secret video links are signed with: MEDIA_SIGNING_SECRET when set, otherwise one generated
 * on first use and kept in .local/signing-secret (so links survive a restart of the host).
 */
export async function signingSecret(
  env: NodeJS.ProcessEnv = process.env,
  file = SECRET_FILE,
): Promise<string> {
  const fromEnv = env.MEDIA_SIGNING_SECRET?.trim();
  if (fromEnv) {
    if (fromEnv.length < 16) throw new Error('MEDIA_SIGNING_SECRET must be at least 16 characters');
    return fromEnv;
  }
  const saved = await fs.readFile(file, 'utf8').catch(() => '');
  if (saved.trim().length >= 32) return saved.trim();
  const generated = randomBytes(32).toString('hex');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${generated}\n`, { mode: 0o600 });
  return generated;
}

export function localSigner(settings: LocalSettings, secret: string): LinkSigner {
  return createLinkSigner({
    secret,
    baseUrl: `${settings.publicUrl.replace(/\/+$/, '')}/media`,
    ttlSeconds: settings.videoLinkTtl,
  });
}

/**
 * Validates content/ and writes it into the embedded store, plus `demoArtworks` generated works
 * (DEMO_ARTWORKS); unchanged content and the same count rewrite nothing.
 */
export async function seedFromContent(
  contentDir = CONTENT_DIR,
  storeDir = STORE_DIR,
  options: { demoArtworks?: number } = {},
) {
  const catalogue = await loadCatalogue(contentDir);
  const demoArtworks = options.demoArtworks ?? 0;
  const generated = generateArtworks(catalogue.artworks, demoArtworks);
  const cover = catalogue.exhibitions?.[0]?.cover ?? catalogue.artworks[0]?.image;
  const exhibitions = [
    ...(catalogue.exhibitions ?? []),
    ...(generated.length > 0 && cover ? [generatedExhibition(generated, cover)] : []),
  ];
  const fingerprint = demoArtworks
    ? `${catalogue.fingerprint}-d${demoArtworks}`
    : catalogue.fingerprint;
  const result = await seedLocalStore(
    storeDir,
    { ...catalogue, artworks: [...catalogue.artworks, ...generated], exhibitions },
    fingerprint,
  );
  return {
    ...result,
    artworks: catalogue.artworks.length,
    generated: demoArtworks,
    artists: catalogue.artists.length,
    replays: catalogue.replays.length,
    exhibitions: catalogue.exhibitions?.length ?? 0,
  };
}

/**
 * Everything the local host serves from a seeded store: the cloud function handlers wired to it, the
 * media folder, the media its published records name, and the signed video links.
 */
export async function localHostOptions(
  storeDir: string,
  publicUrl: string,
  signer: LinkSigner,
  mediaDir = MEDIA_DIR,
  /** The clock that decides which exhibitions are current (tests pin it). */
  now: () => number = Date.now,
  /** The visitors' NeDB file (opened on the first visitors call; tests give their own). */
  visitorsFile = VISITORS_FILE,
): Promise<HostOptions> {
  const repository = await NedbCatalogue.open(storeDir);
  const mediaUrl = localMediaUrl(publicUrl);
  const logError = (error: unknown) => console.error(error);
  // Reminders, orders, rights and fetched replays: written while the host runs, beside the
  // visitors' file (tests that give their own visitors file get their own live state too).
  const state = new NedbLiveState(path.dirname(visitorsFile));
  const identify = openidOfHostContext;
  const functions: Record<string, FunctionMain> = {
    artworks: createArtworksMain({ repository, mediaUrl, logError, now }),
    replays: createReplaysMain({
      repository,
      mediaUrl,
      videoLink: localVideoLinker(signer),
      state,
      identify,
      logError,
    }),
    lives: createLivesMain({ repository, state, mediaUrl, identify, now, logError }),
    // No merchant account locally: orders are paid with devPay (the development flow).
    payments: createPaymentsMain({ repository, state, identify, development: true, now, logError }),
    exhibitions: createExhibitionsMain({ repository, mediaUrl, logError, now }),
    visitors: createVisitorsMain({
      repository,
      visitors: new NedbVisitors(visitorsFile),
      identify: openidOfHostContext,
      logError,
    }),
    // Events are dated by phones' real clocks: checked on the real clock, not the pinned `now`.
    stats: createStatsMain({
      repository,
      stats: new NedbStats(path.dirname(visitorsFile)),
      identify,
      staff: staffOpenids(process.env.STAFF_OPENIDS),
      logError,
    }),
  };
  // The store does not change while the host runs: each pack is built once, when first asked for.
  const packs = new Map<string, Promise<BuiltPack | null>>();
  const generatedMedia = async (relative: string) => {
    const id = packDataExhibition(relative);
    if (!id) return null;
    let pack = packs.get(id);
    if (!pack) {
      pack = packOf(repository, id).catch(() => null);
      packs.set(id, pack);
    }
    const built = await pack;
    const data = built?.files[0];
    return built && data?.path === relative
      ? { body: built.data, type: 'application/json; charset=utf-8' }
      : null;
  };
  return {
    functions,
    mediaDir,
    generatedMedia,
    publishedMedia: (relative) => repository.isPublishedMedia(relative),
    signedMedia: { prefix: SIGNED_MEDIA_PREFIX, signer },
    // One client's flood of statistics is held back (429) without holding back the others.
    rateLimits: { stats: STATS_RATE_LIMIT },
  };
}
