// npm start: build what DevTools needs, seed the embedded store from content/, serve on localhost.
// DEMO_ARTWORKS=N adds N generated works, to try the host with a big catalogue.
import { ContentError } from '../backend/content/load';
import { demoArtworkCount } from '../backend/content/generated';
import { localSettings, seedFromContent, STORE_DIR } from '../backend/host/local';
import { bundleCloudFunctions } from './lib/functions-bundle';
import { packMiniprogramNpm } from './lib/npm-pack';
import { exitWith, serve, StartError } from './serve';

async function start(): Promise<void> {
  let settings;
  let demoArtworks;
  try {
    settings = localSettings();
    demoArtworks = demoArtworkCount();
  } catch (error) {
    throw new StartError((error as Error).message);
  }
  const pack = await packMiniprogramNpm({ reuse: true });
  console.log(`miniprogram_npm ${pack === 'reused' ? 'up to date' : 'built'}.`);
  await bundleCloudFunctions();
  const seeded = await seedFromContent(undefined, undefined, { demoArtworks });
  const generated = seeded.generated ? ` + ${seeded.generated} generated (DEMO_ARTWORKS)` : '';
  console.log(
    `Catalogue ${seeded.reused ? 'unchanged' : 'imported'}: ${seeded.artworks} artworks${generated}, ${seeded.artists} artists, ${seeded.replays} replays (${STORE_DIR}).`,
  );
  await serve(settings);
}

start().catch((error: unknown) =>
  exitWith(error instanceof ContentError ? new StartError(error.message) : error),
);
