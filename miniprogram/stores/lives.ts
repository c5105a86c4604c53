import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import { messageOf } from '../services/backend';
import { readCache, writeCache } from '../services/cache';
import { lives, type LivesService } from '../services/lives';
import type { Live } from '../types/api';
import { formatCountdown, formatPrice, formatStart } from '../utils/format';

export const LIVES_CACHE = 'lives.list';
export const REMINDED_CACHE = 'lives.reminded';

/** What one live card renders (kept small: the countdown is the only thing that ticks). */
export interface LiveCard {
  id: string;
  title: string;
  host: string;
  summary: string;
  cover: string;
  start: string;
  countdown: string;
  /** "¥19.90" for a paid live, empty when free. */
  price: string;
  owned: boolean;
  reminded: boolean;
  example: string;
  /** Where it streams, as the card says it: a Channels account name, or the live room. */
  where: string;
}

export type LivesStatus = 'loading' | 'ready' | 'error';

export interface LivesDeps {
  lives: LivesService;
  now(): number;
  readList(): Live[] | undefined;
  writeList(items: Live[]): void;
  readReminded(): string[];
  writeReminded(ids: string[]): void;
}

const defaultDeps: LivesDeps = {
  lives,
  now: () => Date.now(),
  readList: () => readCache<Live[]>(LIVES_CACHE),
  writeList: (items) => writeCache(LIVES_CACHE, items),
  readReminded: () => {
    const saved = readCache<unknown>(REMINDED_CACHE);
    return Array.isArray(saved) ? saved.filter((id): id is string => typeof id === 'string') : [];
  },
  writeReminded: (ids) => writeCache(REMINDED_CACHE, ids),
};

/** The live tours on the 直播 tab: on now, coming (with their countdowns), and the visitor's wishes. */
export class LivesStore {
  items: Live[] = [];
  status: LivesStatus = 'loading';
  errorMessage = '';
  now: number;
  reminded: string[];
  /** Paid lives the visitor has the right to (`live:<id>`), learned from offers and purchases. */
  owned: string[] = [];

  private readonly deps: LivesDeps;

  constructor(deps: LivesDeps = defaultDeps) {
    this.deps = deps;
    this.now = deps.now();
    this.reminded = deps.readReminded();
    makeAutoObservable<LivesStore, 'deps'>(this, { deps: false });
  }

  /**
   * A live's state as the visitor sees it now: the server's status moved on by the local clock, so
   * a card turns from countdown to 直播中 without a reload.
   */
  private phase(live: Live): Live['status'] {
    if (live.status === 'ended') return 'ended';
    const start = Date.parse(live.startsAt);
    const end = start + live.durationMinutes * 60_000;
    return this.now < start ? 'upcoming' : this.now < end ? 'live' : 'ended';
  }

  private card(live: Live): LiveCard {
    return {
      id: live.id,
      title: live.title,
      host: live.host,
      summary: live.summary,
      cover: live.cover.url,
      start: formatStart(live.startsAt),
      countdown: formatCountdown(Date.parse(live.startsAt), this.now),
      price: live.access.paid ? formatPrice(live.access.price) : '',
      owned: this.owned.includes(`live:${live.id}`),
      reminded: this.reminded.includes(live.id),
      example: live.example ?? '',
      where: live.channelsName
        ? `视频号「${live.channelsName}」`
        : live.channels
          ? '视频号'
          : '小程序直播间',
    };
  }

  get liveNow(): LiveCard[] {
    return this.items.filter((live) => this.phase(live) === 'live').map((live) => this.card(live));
  }

  get upcoming(): LiveCard[] {
    return this.items
      .filter((live) => this.phase(live) === 'upcoming')
      .map((live) => this.card(live));
  }

  byId(id: string): Live | undefined {
    return this.items.find((live) => live.id === id);
  }

  /** Warm start: the last list on screen at once, then the network's answer. */
  async start(): Promise<void> {
    const saved = this.deps.readList();
    if (Array.isArray(saved) && saved.length > 0) {
      this.items = saved;
      this.status = 'ready';
    }
    await this.refresh();
  }

  async refresh(): Promise<void> {
    if (this.items.length === 0) this.status = 'loading';
    try {
      const items = await this.deps.lives.list();
      runInAction(() => {
        this.items = items;
        this.status = 'ready';
        this.errorMessage = '';
        this.now = this.deps.now();
      });
      this.deps.writeList(items);
    } catch (error) {
      runInAction(() => {
        this.status = 'error';
        this.errorMessage = messageOf(error);
      });
    }
  }

  tick(): void {
    this.now = this.deps.now();
  }

  /** Records the reminder with the backend; the card then says it is booked, also after a restart. */
  async remind(id: string): Promise<void> {
    await this.deps.lives.remind(id);
    runInAction(() => {
      if (!this.reminded.includes(id)) this.reminded = [...this.reminded, id];
    });
    this.deps.writeReminded(this.reminded);
  }

  markOwned(id: string): void {
    if (!this.owned.includes(`live:${id}`)) this.owned = [...this.owned, `live:${id}`];
  }
}

export function createLivesStore(deps: LivesDeps = defaultDeps): LivesStore {
  return new LivesStore(deps);
}

export const livesStore = createLivesStore();
