// npm run build: miniprogram_npm/ packed offline by miniprogram-ci, and each cloud function bundled.
import { bundleCloudFunctions } from './lib/functions-bundle';
import { packMiniprogramNpm } from './lib/npm-pack';

export async function buildAll(): Promise<void> {
  await packMiniprogramNpm();
  console.log('Built miniprogram/miniprogram_npm (only the Vant files the app loads).');
  for (const bundle of await bundleCloudFunctions()) {
    console.log(
      `Bundled cloudfunctions/${bundle.name}/index.js (${(bundle.bytes / 1024).toFixed(1)} KB).`,
    );
  }
}

if (require.main === module) {
  buildAll()
    // miniprogram-ci leaves a file watcher behind.
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
