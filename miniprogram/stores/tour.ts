import { makeAutoObservable } from 'mobx-miniprogram';
import { readCache, writeCache } from '../services/cache';
import type { Exhibition, Tour } from '../types/api';
import { floorLabel } from '../utils/format';
import { exhibitionsStore } from './exhibitions';
import { playerStore } from './player';

/** The tour the visitor is walking, and whether the next stop starts by itself. */
export const ACTIVE_TOUR = 'tour.active';
export const TOUR_AUTOPLAY = 'tour.autoplay';

/** Seconds the next stop's card counts down before it starts on its own (autoplay on). */
export const AUTOPLAY_SECONDS = 8;

interface ActiveTour {
  exhibitionId: string;
  tourId: string;
  stops: string[];
}

/** The card shown when a stop's narration ends: where to walk next. */
export interface NextStop {
  artworkId: string;
  /** "第 3 站 / 共 7 站". */
  position: string;
  number: string;
  where: string;
}

/** A tour of the chosen exhibition: its stops in walking order, and the visitor's progress. */
export class TourStore {
  active: ActiveTour | null = readCache<ActiveTour>(ACTIVE_TOUR) ?? null;
  autoplay = readCache<boolean>(TOUR_AUTOPLAY) === true;
  /** One second of the countdown, in ms (a test shortens it). */
  countdownTickMs = 1000;

  constructor() {
    makeAutoObservable(this);
  }

  tourOf(id: string): Tour | undefined {
    return exhibitionsStore.selected?.tours.find((tour) => tour.id === id);
  }

  /** Stops of this tour the visitor has heard to the end (the player's history says so). */
  finishedStops(tour: Tour): string[] {
    const finished = new Set(
      playerStore.history.filter((entry) => entry.finished).map((entry) => entry.id),
    );
    return tour.stops.filter((stop) => finished.has(stop));
  }

  /** The first stop not heard yet (the first one again once all are). */
  nextUnheard(tour: Tour): string | undefined {
    const finished = new Set(this.finishedStops(tour));
    return tour.stops.find((stop) => !finished.has(stop)) ?? tour.stops[0];
  }

  /**
   * Starts (or goes on with) a tour: it becomes the player's list, so the lock screen's next and
   * previous walk its stops; remembered across launches.
   */
  begin(exhibition: Exhibition, tour: Tour): void {
    this.active = { exhibitionId: exhibition.id, tourId: tour.id, stops: [...tour.stops] };
    writeCache(ACTIVE_TOUR, this.active);
    playerStore.offerQueue(tour.stops);
  }

  setAutoplay(on: boolean): void {
    this.autoplay = on;
    writeCache(TOUR_AUTOPLAY, on);
  }

  /** After `artworkId` in the active tour: the next stop and where it hangs, if any. */
  nextAfter(artworkId: string): NextStop | undefined {
    const tour = this.active;
    if (!tour) return undefined;
    const index = tour.stops.indexOf(artworkId);
    const next = index >= 0 ? tour.stops[index + 1] : undefined;
    if (!next) return undefined;
    const exhibition = exhibitionsStore.selected;
    const work = exhibition?.id === tour.exhibitionId ? exhibitionsStore.workIn(next) : undefined;
    return {
      artworkId: next,
      position: `第 ${index + 2} 站 / 共 ${tour.stops.length} 站`,
      number: work?.number ?? '',
      where: work
        ? [work.room, work.floor ? floorLabel(work.floor) : ''].filter(Boolean).join(' · ')
        : '',
    };
  }
}

export const tourStore = new TourStore();
