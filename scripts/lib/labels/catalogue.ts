import type { ArtworkDoc, ExhibitionDoc } from '../../../backend/domain/catalogue';
import { LabelError } from './errors';

/** What one wall label prints, taken from content/ rather than retyped. */
export interface WallLabel {
  number: string;
  artworkId: string;
  title: { zh: string; original: string };
  artist: { zh: string; original: string };
  year: string;
  medium: string;
}

export interface LabelSet {
  exhibition: ExhibitionDoc;
  labels: WallLabel[];
  /** Works of the exhibition whose artwork is not published: they get no label. */
  unpublished: string[];
}

export interface LabelCatalogue {
  artworks: readonly ArtworkDoc[];
  exhibitions?: readonly ExhibitionDoc[];
}

/** The published works of one exhibition, in label-number order (501 before 1001). */
export function labelsFor(catalogue: LabelCatalogue, exhibitionId: string): LabelSet {
  const exhibitions = catalogue.exhibitions ?? [];
  const exhibition = exhibitions.find((candidate) => candidate.id === exhibitionId);
  if (!exhibition) {
    const ids = exhibitions.map((candidate) => candidate.id).sort();
    throw new LabelError(
      ids.length > 0
        ? `No exhibition "${exhibitionId}" in content/exhibitions; the valid ids are: ${ids.join(', ')}.`
        : `No exhibition "${exhibitionId}": content/exhibitions holds no exhibitions at all.`,
    );
  }
  const artworks = new Map(catalogue.artworks.map((doc) => [doc.id, doc]));
  const labels: WallLabel[] = [];
  const unpublished: string[] = [];
  for (const work of exhibition.works) {
    const artwork = artworks.get(work.artworkId);
    if (!artwork?.published) {
      unpublished.push(work.artworkId);
      continue;
    }
    labels.push({
      number: work.number,
      artworkId: artwork.id,
      title: artwork.title,
      artist: artwork.artist.name,
      year: artwork.year,
      medium: artwork.medium,
    });
  }
  labels.sort((a, b) => a.number.localeCompare(b.number, 'en', { numeric: true }));
  if (labels.length === 0) {
    throw new LabelError(
      `Exhibition "${exhibitionId}" has no published works, so there is no label to print.`,
    );
  }
  return { exhibition, labels, unpublished };
}
