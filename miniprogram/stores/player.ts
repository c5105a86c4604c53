import { makeAutoObservable } from 'mobx-miniprogram';
import { artworks, type ArtworksService } from '../services/artworks';
import { createAudioEngine, type AudioEngine, type EngineEvent } from '../services/audio/index';
import { readCache, writeCache } from '../services/cache';
import { createListeningTracker, type ListeningTracker } from '../services/listening';
import type { Artwork, TranscriptCue } from '../types/api';
import { formatClock } from '../utils/format';
import { exhibitionsStore } from './exhibitions';

export type PlayerStatus =
  'idle' | 'loading' | 'playing' | 'paused' | 'buffering' | 'error' | 'ended';

/** The work whose narration is loaded: what the mini player and the lock screen show. */
export interface NowPlaying {
  id: string;
  title: string;
  artist: string;
  cover: string;
}

/** One row of the listening history, as kept in local storage. */
export interface HistoryEntry extends NowPlaying {
  /** Seconds where the visitor stopped; 0 once finished. */
  position: number;
  duration: number;
  finished: boolean;
  playedAt: number;
}

/** What one row of 我的 renders. */
export interface HistoryCard {
  id: string;
  title: string;
  artist: string;
  cover: string;
  /** "已听完", "听到 01:23 / 03:20" or "未开始". */
  note: string;
  /** Percent listened, 0–100. */
  percent: number;
  finished: boolean;
}

export const PLAYBACK_RATES = [0.75, 1, 1.25, 1.5, 2] as const;
export const SKIP_SECONDS = 15;
export const HISTORY_LIMIT = 50;
/** The view's position moves at most this often (the platform reports every ~250 ms). */
export const POSITION_TICK_MS = 250;
/** While playing, the position reaches storage at most this often. */
export const SAVE_EVERY_MS = 5000;
/** A narration stopped this close to its end starts over next time. */
export const RESUME_END_MARGIN_S = 5;
/** A system pause this close before an interruption belongs to it. */
const INTERRUPTION_PAUSE_WINDOW_MS = 1000;
export const RATE_STORAGE = 'player.rate';
export const HISTORY_STORAGE = 'player.history';

const STATUS_LABELS: Record<PlayerStatus, string> = {
  idle: '',
  loading: '正在加载…',
  playing: '正在播放',
  paused: '已暂停',
  buffering: '网络较慢，正在缓冲…',
  error: '播放出错',
  ended: '已听完',
};

/** States in which something is loaded and the mini player shows it. */
const ACTIVE: PlayerStatus[] = ['loading', 'playing', 'paused', 'buffering', 'error'];
/** States in which the visitor expects sound (or sound is on its way). */
const SOUNDING: PlayerStatus[] = ['loading', 'playing', 'buffering'];

export interface PlayerDeps {
  engine: AudioEngine;
  /** For the lock screen's next/previous: the works of the list are fetched one at a time. */
  artworks: ArtworksService;
  readRate(): number | undefined;
  writeRate(rate: number): void;
  readHistory(): HistoryEntry[] | undefined;
  writeHistory(history: HistoryEntry[]): void;
  now(): number;
  /** Anonymous listening statistics: one event per narration listened to. */
  listening: ListeningTracker;
  /** The exhibition the visitor is in, if any, named in the statistics' events. */
  exhibitionId(): string | undefined;
}

/** The app's dependencies; a test overrides some (the clock, the engine). */
export function playerDeps(overrides: Partial<PlayerDeps> = {}): PlayerDeps {
  return {
    engine: createAudioEngine(),
    artworks,
    readRate: () => readCache<number>(RATE_STORAGE),
    writeRate: (rate) => writeCache(RATE_STORAGE, rate),
    readHistory: () => readCache<HistoryEntry[]>(HISTORY_STORAGE),
    writeHistory: (history) => writeCache(HISTORY_STORAGE, history),
    now: () => Date.now(),
    listening: overrides.listening ?? createListeningTracker(),
    // The exhibition the visitor is in, as the exhibitions store holds it (no storage read).
    exhibitionId: () => exhibitionsStore.selectedId || undefined,
    ...overrides,
  };
}

export class PlayerStore {
  current: NowPlaying | null = null;
  status: PlayerStatus = 'idle';
  /** Seconds; moves at most every POSITION_TICK_MS while playing. */
  position = 0;
  duration = 0;
  rate = 1;
  /** The transcript sentence being spoken, -1 before the first. */
  cueIndex = -1;
  errorMessage = '';
  history: HistoryEntry[] = [];
  /**
   * Whether the lock screen and earphone buttons reach the player: false while a pack's local file
   * plays through the inner engine because the background manager refused it.
   */
  lockScreenControls = true;

  private readonly deps: PlayerDeps;
  private artwork: Artwork | null = null;
  private transcript: TranscriptCue[] = [];
  /** The list the visitor started from (ids), for next/previous. */
  private queue: string[] = [];
  /** A list offered by the page that opened the artwork, used if playback starts from it. */
  private offeredQueue: string[] = [];
  private lastTickAt = 0;
  private savedAt = 0;
  /** Sound was on when an interruption (a call) began: bring it back when it ends. */
  private resumeAfterInterruption = false;
  /** When the system (not the visitor) last paused sound that was on. */
  private systemPausedAt = -Infinity;
  /**
   * Sound was asked for and has not started. The system may refuse a call while the app is in
   * the background (resume after a call, the lock screen's next while paused): caught up on show.
   */
  private awaitingSound = false;

  constructor(deps: PlayerDeps = playerDeps()) {
    this.deps = deps;
    const rate = deps.readRate();
    if (typeof rate === 'number' && (PLAYBACK_RATES as readonly number[]).includes(rate)) {
      this.rate = rate;
    }
    const history = deps.readHistory();
    if (Array.isArray(history)) this.history = history.slice(0, HISTORY_LIMIT);
    makeAutoObservable<
      PlayerStore,
      | 'deps'
      | 'artwork'
      | 'transcript'
      | 'queue'
      | 'offeredQueue'
      | 'lastTickAt'
      | 'savedAt'
      | 'resumeAfterInterruption'
      | 'systemPausedAt'
      | 'awaitingSound'
    >(this, {
      deps: false,
      listening: false,
      artwork: false,
      transcript: false,
      queue: false,
      offeredQueue: false,
      lastTickAt: false,
      savedAt: false,
      resumeAfterInterruption: false,
      systemPausedAt: false,
      awaitingSound: false,
    });
    deps.engine.listen((event) => this.handle(event));
  }

  /** The id of the loaded work, '' when none. */
  get playerId(): string {
    return this.current?.id ?? '';
  }

  get title(): string {
    return this.current?.title ?? '';
  }

  get cover(): string {
    return this.current?.cover ?? '';
  }

  /** Whole seconds: what the slider and the clocks show, so they change once a second. */
  get second(): number {
    return Math.floor(this.position);
  }

  get elapsedLabel(): string {
    return formatClock(this.second);
  }

  get remainingLabel(): string {
    return `-${formatClock(Math.max(0, Math.ceil(this.duration) - this.second))}`;
  }

  /** What the player says under the title. */
  get statusLabel(): string {
    return STATUS_LABELS[this.status];
  }

  get isSounding(): boolean {
    return SOUNDING.includes(this.status);
  }

  /** The mini player shows while something is loaded, playing or paused. */
  get visible(): boolean {
    return this.current !== null && ACTIVE.includes(this.status);
  }

  get historyCards(): HistoryCard[] {
    return this.history.map((entry) => ({
      id: entry.id,
      title: entry.title,
      artist: entry.artist,
      cover: entry.cover,
      note: noteFor(entry),
      percent: entry.finished
        ? 100
        : entry.duration > 0
          ? Math.min(100, Math.round((entry.position / entry.duration) * 100))
          : 0,
      finished: entry.finished,
    }));
  }

  /** Where this work's narration would resume, in seconds (0: from the start). */
  resumePosition(id: string): number {
    const entry = this.history.find((item) => item.id === id);
    if (!entry || entry.finished) return 0;
    return entry.position;
  }

  /** The page that opens an artwork offers the list it came from (the collection's order). */
  offerQueue(ids: string[]): void {
    this.offeredQueue = [...ids];
  }

  /**
   * Plays the artwork's narration: resumes it if already loaded, otherwise starts it where the
   * visitor stopped last time (or at `startAt`).
   */
  play(artwork: Artwork, startAt?: number): void {
    if (!artwork.audio) return;
    if (this.current?.id === artwork.id && this.status !== 'ended' && this.status !== 'idle') {
      if (startAt !== undefined) this.seek(startAt);
      if (this.status === 'error') this.retry();
      else if (!this.isSounding) this.resume();
      return;
    }
    this.saveProgress();
    this.queue = this.offeredQueue.includes(artwork.id) ? this.offeredQueue : [artwork.id];
    this.open(artwork, startAt ?? this.resumePosition(artwork.id));
  }

  toggle(): void {
    if (this.isSounding) this.pause();
    else if (this.status === 'error') this.retry();
    else if (this.artwork) this.play(this.artwork);
  }

  pause(): void {
    if (!this.current) return;
    this.resumeAfterInterruption = false;
    this.awaitingSound = false;
    this.deps.engine.pause();
    this.status = 'paused';
    this.saveProgress();
  }

  resume(): void {
    if (!this.current) return;
    this.awaitingSound = true;
    this.deps.engine.play();
  }

  /** The app is back in the foreground: whatever the system refused meanwhile is done now. */
  catchUp(): void {
    if (!this.awaitingSound || !this.artwork) return;
    if (this.status === 'playing' || this.status === 'buffering') return;
    if (this.status === 'loading') this.open(this.artwork, this.position);
    else this.resume();
  }

  seek(seconds: number): void {
    if (!this.current) return;
    const limit = this.duration > 0 ? this.duration : Infinity;
    const target = Math.max(0, Math.min(seconds, limit));
    this.deps.engine.seek(target);
    this.setPosition(target);
  }

  skip(delta: number): void {
    this.seek(this.position + delta);
  }

  seekToCue(index: number): void {
    const cue = this.transcript[index];
    if (!cue) return;
    this.seek(cue.start);
    if (!this.isSounding) this.resume();
  }

  setRate(rate: number): void {
    if (!(PLAYBACK_RATES as readonly number[]).includes(rate)) return;
    this.rate = rate;
    this.deps.writeRate(rate);
    if (this.current) this.deps.engine.setRate(rate);
  }

  /** After an error: loads the track again where it stopped. */
  retry(): void {
    if (this.artwork) this.open(this.artwork, this.position);
  }

  async next(): Promise<void> {
    await this.step(1);
  }

  async previous(): Promise<void> {
    await this.step(-1);
  }

  /** The statistics of this player's listening (the app flushes them when the network is back). */
  get listening(): ListeningTracker {
    return this.deps.listening;
  }

  /** The app goes to the background: the statistics keep a narration still sounding going. */
  appHidden(): void {
    this.deps.listening.background(this.isSounding);
  }

  clearHistory(): void {
    this.history = [];
    this.deps.writeHistory([]);
  }

  private open(artwork: Artwork, startAt: number): void {
    const audio = artwork.audio;
    if (!audio) return;
    this.artwork = artwork;
    this.transcript = artwork.transcript ?? [];
    this.current = {
      id: artwork.id,
      title: artwork.title.zh,
      artist: artwork.artist.name.zh,
      cover: artwork.thumbnail.url,
    };
    this.status = 'loading';
    this.errorMessage = '';
    this.resumeAfterInterruption = false;
    this.awaitingSound = true;
    this.duration = audio.duration;
    this.setPosition(startAt);
    this.remember(startAt, false);
    this.deps.listening.begin(artwork.id, audio.duration, this.deps.exhibitionId());
    this.deps.engine.open(
      {
        id: artwork.id,
        src: audio.url,
        title: artwork.title.zh,
        artist: artwork.artist.name.zh,
        cover: artwork.thumbnail.url,
      },
      startAt,
      this.rate,
    );
  }

  private handle(event: EngineEvent): void {
    if (event.type === 'controls') this.lockScreenControls = event.systemControls;
    if (!this.current) return;
    switch (event.type) {
      case 'canplay':
        if (this.status === 'buffering') this.status = 'playing';
        break;
      case 'play':
        this.status = 'playing';
        this.errorMessage = '';
        this.awaitingSound = false;
        break;
      case 'waiting':
        if (this.status === 'playing' || this.status === 'loading') this.status = 'buffering';
        break;
      case 'timeUpdate':
        this.deps.listening.heard(event.position, true);
        this.tick(event.position, event.duration);
        break;
      case 'pause':
        this.deps.listening.heard(this.deps.engine.currentTime(), false);
        // From the visitor, the lock screen or the system: the view says what is true.
        if (this.isSounding) this.systemPausedAt = this.deps.now();
        this.awaitingSound = false;
        if (this.status !== 'error') this.status = 'paused';
        this.saveProgress(this.deps.engine.currentTime());
        break;
      case 'stop':
        // The system player was closed: keep the place, take the mini player away.
        this.awaitingSound = false;
        this.saveProgress();
        this.status = 'idle';
        this.deps.listening.left();
        break;
      case 'ended':
        this.deps.listening.finished();
        this.finish();
        break;
      case 'error':
        this.awaitingSound = false;
        this.status = 'error';
        this.errorMessage = event.message;
        this.saveProgress();
        break;
      case 'interruptionBegin':
        // Some systems pause the audio just before they announce the interruption.
        this.resumeAfterInterruption =
          this.isSounding || this.deps.now() - this.systemPausedAt < INTERRUPTION_PAUSE_WINDOW_MS;
        if (this.isSounding) this.status = 'paused';
        this.saveProgress();
        break;
      case 'interruptionEnd':
        if (this.resumeAfterInterruption) this.resume();
        this.resumeAfterInterruption = false;
        break;
      // A work that fails to load is skipped: stepping never rejects.
      case 'next':
        void this.next();
        break;
      case 'prev':
        void this.previous();
        break;
      case 'controls':
        this.lockScreenControls = event.systemControls;
        break;
    }
  }

  /** ~4 times a second from the platform; the view's position moves at most as often. */
  private tick(position: number, duration: number): void {
    if (!Number.isFinite(position)) return;
    if (this.status === 'buffering' || this.status === 'loading') this.status = 'playing';
    if (duration > 0 && Math.round(duration) !== Math.round(this.duration)) {
      this.duration = duration;
    }
    const now = this.deps.now();
    if (now - this.lastTickAt < POSITION_TICK_MS) return;
    this.lastTickAt = now;
    this.setPosition(position);
    if (now - this.savedAt >= SAVE_EVERY_MS) this.persist(position);
  }

  private setPosition(position: number): void {
    this.position = position;
    const index = cueIndexAt(this.transcript, position);
    if (index !== this.cueIndex) this.cueIndex = index;
  }

  private finish(): void {
    this.awaitingSound = false;
    this.status = 'ended';
    this.setPosition(0);
    this.remember(0, true);
  }

  private async step(direction: 1 | -1): Promise<void> {
    // The queue as it was when asked: opening a work meanwhile may replace it.
    const queue = this.queue;
    const from = queue.indexOf(this.current?.id ?? '');
    const ahead =
      direction === 1 ? queue.slice(from + 1) : queue.slice(0, Math.max(from, 0)).reverse();
    for (const id of ahead) {
      try {
        const artwork = await this.deps.artworks.get(id);
        if (!artwork.audio) continue;
        this.saveProgress();
        this.open(artwork, this.resumePosition(artwork.id));
        return;
      } catch {
        // A work that fails to load is skipped, like one without narration.
      }
    }
  }

  /** Saves where the visitor is in the history (observable) and in storage. */
  private saveProgress(position: number = this.position): void {
    if (!this.current || this.status === 'ended') return;
    const near = this.duration > 0 && position >= this.duration - RESUME_END_MARGIN_S;
    this.remember(near ? 0 : position, false);
  }

  private remember(position: number, finished: boolean): void {
    if (!this.current) return;
    const entry: HistoryEntry = {
      ...this.current,
      position: Math.round(position * 10) / 10,
      duration: this.duration,
      finished,
      playedAt: this.deps.now(),
    };
    this.history = [entry, ...this.history.filter((item) => item.id !== entry.id)].slice(
      0,
      HISTORY_LIMIT,
    );
    this.savedAt = this.deps.now();
    this.deps.writeHistory(this.history);
  }

  /**
   * During playback: storage only. The history on screen (我的) is not redrawn every few seconds;
   * it catches up at the next pause, stop or end.
   */
  private persist(position: number): void {
    const id = this.current?.id;
    this.savedAt = this.deps.now();
    this.deps.writeHistory(
      this.history.map((entry) =>
        entry.id === id ? { ...entry, position: Math.round(position * 10) / 10 } : entry,
      ),
    );
  }
}

/** The sentence spoken at `seconds`: the last cue that has started, -1 before the first. */
export function cueIndexAt(cues: TranscriptCue[], seconds: number): number {
  const next = cues.findIndex((cue) => cue.start > seconds);
  return (next === -1 ? cues.length : next) - 1;
}

function noteFor(entry: HistoryEntry): string {
  if (entry.finished) return '已听完';
  if (entry.position > 0)
    return `听到 ${formatClock(entry.position)} / ${formatClock(entry.duration)}`;
  return '未开始';
}

export function createPlayerStore(deps: PlayerDeps = playerDeps()): PlayerStore {
  return new PlayerStore(deps);
}

export const playerStore = createPlayerStore();
