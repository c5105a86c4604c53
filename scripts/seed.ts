// Validates content/ and imports it into the embedded local store (.local/store).
import { ContentError } from '../backend/content/load';
import { seedFromContent, STORE_DIR } from '../backend/host/local';

seedFromContent()
  .then((result) => {
    const verb = result.reused ? 'unchanged, kept' : 'imported';
    console.log(
      `Catalogue ${verb}: ${result.artworks} artworks, ${result.artists} artists, ${result.replays} replays → ${STORE_DIR}/${result.generation}`,
    );
  })
  .catch((error: unknown) => {
    console.error(error instanceof ContentError ? error.message : error);
    process.exit(1);
  });
