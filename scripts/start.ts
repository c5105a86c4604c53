// npm start: build what DevTools needs, seed the embedded store from content/, serve on localhost.
import { ContentError } from '../backend/content/load';
import { seedFromContent, STORE_DIR } from '../backend/host/local';
import { bundleCloudFunctions } from './lib/functions-bundle';
import { packMiniprogramNpm } from './lib/npm-pack';
import { serve } from './serve';

async function start(): Promise<void> {
  const pack = await packMiniprogramNpm({ reuse: true });
  console.log(`miniprogram_npm ${pack === 'reused' ? 'up to date' : 'built'}.`);
  await bundleCloudFunctions();
  const seeded = await seedFromContent();
  console.log(
    `Catalogue ${seeded.reused ? 'unchanged' : 'imported'}: ${seeded.artworks} artworks, ${seeded.artists} artists, ${seeded.replays} replays (${STORE_DIR}).`,
  );
  await serve();
}

start().catch((error: unknown) => {
  console.error(error instanceof ContentError ? error.message : error);
  process.exit(1);
});
