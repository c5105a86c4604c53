import type { Artwork } from '../../types/api';
import { formatClock, formatDuration, formatPlace, heightFor } from '../../utils/format';

/**
 * The image spans the screen, letterboxed to a height that leaves the play control on the first
 * screen of a 375×667 phone whatever the work's proportions; a tap opens it full size.
 */
export const IMAGE_WIDTH_RPX = 750;
export const IMAGE_MAX_HEIGHT_RPX = 440;

/** What the artwork page renders, and nothing else. */
export interface ArtworkView {
  id: string;
  title: string;
  original: string;
  artist: string;
  artistOriginal: string;
  lifespan: string;
  year: string;
  medium: string;
  dimensions: string;
  /** The museum's inventory number; '' while unconfirmed (a note says so). */
  inventory: string;
  venue: string;
  place: string;
  paragraphs: string[];
  /** Facts the catalogue could not confirm, said plainly rather than hidden. */
  notes: string[];
  image: string;
  imageHeight: number;
  duration: string;
  /** Seconds of narration, 0 without audio. */
  audioSeconds: number;
  /** The narration's sentences, in order. */
  cues: CueView[];
  /** Where a past livestream talks about this work. */
  moments: MomentView[];
}

export interface CueView {
  /** The element id scroll-into-view uses. */
  key: string;
  text: string;
}

export interface MomentView {
  key: string;
  replayId: string;
  start: number;
  title: string;
  /** "mm:ss" into the replay. */
  time: string;
}

/** Where the work can be seen: the venue line and the floor and room line of the facts. */
export interface WhereItHangs {
  venue: string;
  place: string;
}

/**
 * `where` is where the work hangs in the exhibition the visitor chose; without it, the record's own
 * location is shown.
 */
export function toArtworkView(artwork: Artwork, where?: WhereItHangs): ArtworkView {
  return {
    id: artwork.id,
    title: artwork.title.zh,
    original: artwork.title.original,
    artist: artwork.artist.name.zh,
    artistOriginal: artwork.artist.name.original,
    lifespan: artwork.artist.lifespan,
    year: artwork.year,
    medium: artwork.medium,
    dimensions: artwork.dimensions,
    inventory: artwork.inventoryNumber ?? '',
    venue: where ? where.venue : artwork.location.venue,
    place: where ? where.place : formatPlace(artwork.location.floor, artwork.location.room),
    paragraphs: artwork.description
      .split(/\n+/)
      .map((paragraph) => paragraph.trim())
      .filter(Boolean),
    image: artwork.image.url,
    notes: Object.values(artwork.unverified ?? {}).filter(Boolean),
    imageHeight: Math.min(heightFor(artwork.image, IMAGE_WIDTH_RPX), IMAGE_MAX_HEIGHT_RPX),
    duration: artwork.audio ? formatDuration(artwork.audio.duration) : '',
    audioSeconds: artwork.audio ? Math.round(artwork.audio.duration) : 0,
    cues: artwork.audio
      ? (artwork.transcript ?? []).map((cue, index) => ({ key: `cue-${index}`, text: cue.text }))
      : [],
    moments: (artwork.replayMoments ?? []).map((moment) => ({
      key: `${moment.replayId}@${moment.start}`,
      replayId: moment.replayId,
      start: moment.start,
      title: moment.title,
      time: formatClock(moment.start),
    })),
  };
}
