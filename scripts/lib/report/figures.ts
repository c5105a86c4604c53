import type { StatsSummary, TranscriptCue, WorkListening } from '../../../miniprogram/types/api';

/** The summary's drop-off slices, in seconds of narration. */
export const SLICE_SECONDS = 5;

/** What the report needs of an artwork: `loadCatalogue`'s documents fit. */
export interface ReportArtwork {
  id: string;
  number: string;
  title: { zh: string; original: string };
  artist: { name: { zh: string; original: string } };
  audio: { duration: number } | null;
  transcript: TranscriptCue[];
  published: boolean;
}

export interface ReportExhibition {
  id: string;
  title: string;
  venue: string;
  city: string;
  published: boolean;
  works: Array<{ artworkId: string }>;
}

export interface ReportCatalogue {
  artworks: ReportArtwork[];
  exhibitions?: ReportExhibition[];
}

export interface WorkRow extends WorkListening {
  /** Null when the summary names a work the catalogue does not have. */
  artwork: ReportArtwork | null;
}

export interface ExhibitionRow {
  exhibition: ReportExhibition;
  works: number;
  plays: number;
  finishes: number;
  seconds: number;
}

/**
 * Every published work of the catalogue (a work nobody played is news too) and every work of the
 * summary, most played first.
 */
export function workRows(summary: StatsSummary, catalogue: ReportCatalogue): WorkRow[] {
  const artworks = new Map(catalogue.artworks.map((artwork) => [artwork.id, artwork]));
  const rows = new Map<string, WorkRow>();
  for (const artwork of catalogue.artworks) {
    if (!artwork.published) continue;
    rows.set(artwork.id, {
      artworkId: artwork.id,
      artwork,
      plays: 0,
      finishes: 0,
      seconds: 0,
      dropoff: [],
    });
  }
  for (const work of summary.works) {
    const row = rows.get(work.artworkId) ?? {
      artworkId: work.artworkId,
      artwork: artworks.get(work.artworkId) ?? null,
      plays: 0,
      finishes: 0,
      seconds: 0,
      dropoff: [],
    };
    row.plays += work.plays;
    row.finishes += work.finishes;
    row.seconds += work.seconds;
    row.dropoff = work.dropoff.map((count, index) => count + (row.dropoff[index] ?? 0));
    rows.set(work.artworkId, row);
  }
  return [...rows.values()].sort(
    (a, b) =>
      b.plays - a.plays ||
      (rate(b.finishes, b.plays) ?? -1) - (rate(a.finishes, a.plays) ?? -1) ||
      (a.artwork?.number ?? a.artworkId).localeCompare(b.artwork?.number ?? b.artworkId, 'en', {
        numeric: true,
      }),
  );
}

/** Each published exhibition with the sum of its works' figures, most played first. */
export function exhibitionRows(rows: WorkRow[], catalogue: ReportCatalogue): ExhibitionRow[] {
  const byWork = new Map(rows.map((row) => [row.artworkId, row]));
  return (catalogue.exhibitions ?? [])
    .filter((exhibition) => exhibition.published)
    .map((exhibition) => {
      const works = exhibition.works.flatMap(({ artworkId }) => byWork.get(artworkId) ?? []);
      const sum = (pick: (row: WorkRow) => number) =>
        works.reduce((total, row) => total + pick(row), 0);
      return {
        exhibition,
        works: works.length,
        plays: sum((row) => row.plays),
        finishes: sum((row) => row.finishes),
        seconds: sum((row) => row.seconds),
      };
    })
    .sort(
      (a, b) =>
        b.plays - a.plays || (rate(b.finishes, b.plays) ?? -1) - (rate(a.finishes, a.plays) ?? -1),
    );
}

/** part ÷ whole, null when there is no whole. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/**
 * The listeners still there along the narration, in % of plays: at 0 s all of them, and after each
 * 5-second slice plays − the events whose furthest position fell in it or before.
 */
export function remainingCurve(
  plays: number,
  dropoff: readonly number[],
  duration: number | null,
): Array<[number, number]> {
  const end = duration ?? dropoff.length * SLICE_SECONDS;
  const points: Array<[number, number]> = [[0, 100]];
  let left = 0;
  dropoff.forEach((count, index) => {
    left += count;
    const seconds = Math.min((index + 1) * SLICE_SECONDS, end);
    points.push([seconds, plays > 0 ? Math.round(((plays - left) / plays) * 1000) / 10 : 0]);
  });
  return points;
}

/**
 * Drop-off without those who finished: a finished event's furthest position is the end, so the
 * finishes are taken from the last slices, and what is left are the listeners who left early.
 */
export function leaversBySlice(dropoff: readonly number[], finishes: number): number[] {
  const leavers = [...dropoff];
  let finishers = finishes;
  for (let index = leavers.length - 1; index >= 0 && finishers > 0; index -= 1) {
    const taken = Math.min(leavers[index] ?? 0, finishers);
    leavers[index] = (leavers[index] ?? 0) - taken;
    finishers -= taken;
  }
  return leavers;
}

export interface Sentence extends TranscriptCue {
  /** Listeners who left while it was being read (from its start to the next sentence's). */
  left: number;
}

/**
 * The transcript's sentences with the listeners who left during each: a sentence runs from its
 * start to the next one's (the first from 0, the last to the end), and a slice's leavers are shared
 * between the sentences by the seconds of the slice each covers.
 */
export function sentencesWithLeavers(
  transcript: readonly TranscriptCue[],
  leavers: readonly number[],
): Sentence[] {
  return transcript.map((cue, index) => {
    const from = index === 0 ? 0 : cue.start;
    const to = transcript[index + 1]?.start ?? Number.POSITIVE_INFINITY;
    const left = leavers.reduce((total, count, slice) => {
      const start = slice * SLICE_SECONDS;
      const overlap = Math.max(0, Math.min(to, start + SLICE_SECONDS) - Math.max(from, start));
      return total + (count * overlap) / SLICE_SECONDS;
    }, 0);
    return { ...cue, left: Math.round(left * 10) / 10 };
  });
}

/** The index of the sentence most listeners left during; null when nobody left early. */
export function leavingSentence(sentences: readonly Sentence[]): number | null {
  let best: number | null = null;
  sentences.forEach((sentence, index) => {
    if (sentence.left > 0 && (best === null || sentence.left > (sentences[best]?.left ?? 0))) {
      best = index;
    }
  });
  return best;
}
