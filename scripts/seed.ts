// Validates content/ and imports it into the embedded local store (.local/store), plus DEMO_ARTWORKS
// generated works when that is set.
import { demoArtworkCount } from '../backend/content/generated';
import { ContentError } from '../backend/content/load';
import { seedFromContent, STORE_DIR } from '../backend/host/local';

Promise.resolve()
  .then(() => seedFromContent(undefined, undefined, { demoArtworks: demoArtworkCount() }))
  .then((result) => {
    const verb = result.reused ? 'unchanged, kept' : 'imported';
    console.log(
      `Catalogue ${verb}: ${result.artworks} artworks${result.generated ? ` + ${result.generated} generated` : ''}, ${result.artists} artists, ${result.replays} replays → ${STORE_DIR}/${result.generation}`,
    );
  })
  .catch((error: unknown) => {
    console.error(error instanceof ContentError ? error.message : error);
    process.exit(1);
  });
