// Anonymous listening statistics: one `listened` event per narration a visitor listened to, made
// on the phone and sent in batches. Nothing identifies the visitor: the event names the work, the
// exhibition, how long and how far they listened, whether they finished, and when.
import type { ListenedEvent } from '../types/api';
import { backend, isBackendError, type BackendClient } from './backend';
import { readCache, writeCache } from './cache';

export const STATS_QUEUE = 'stats.queue';
export const STATS_SESSION = 'stats.session';
/** Events kept while offline; past this the oldest go (a week of heavy use, a few KB). */
export const STATS_QUEUE_LIMIT = 300;
/** The contract's largest batch. */
export const STATS_BATCH = 50;
/** A jump of the position larger than this between two updates is a seek, not listening. */
const MAX_STEP_S = 3;

interface Session {
  id: string;
  artworkId: string;
  exhibitionId?: string;
  duration: number;
  seconds: number;
  furthest: number;
  startedAt: string;
  /** The last position heard, to count the seconds between two updates. */
  last: number | null;
}

export interface ListeningDeps {
  client: BackendClient;
  now(): number;
  read<T>(key: string): T | undefined;
  write(key: string, value: unknown): void;
  makeId(): string;
}

function randomId(): string {
  let made = '';
  while (made.length < 24) made += Math.random().toString(36).slice(2);
  return made.slice(0, 24);
}

const defaultDeps: ListeningDeps = {
  client: backend,
  now: () => Date.now(),
  read: (key) => readCache(key),
  write: (key, value) => writeCache(key, value),
  makeId: randomId,
};

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * Follows the narration playing and queues its event when it ends, when the visitor leaves it
 * for another, or when the app goes to the background without sound. While the phone plays in a
 * pocket the session is only saved (the listening goes on); a session the system ended with the
 * app is queued on the next launch. The queue goes out when the backend can be reached.
 */
export class ListeningTracker {
  private session: Session | null = null;
  private sending: Promise<void> | null = null;

  constructor(private readonly deps: ListeningDeps = defaultDeps) {
    // A session saved when the app went to the background and never resumed: it ended there.
    const saved = deps.read<Session>(STATS_SESSION);
    if (saved && typeof saved.artworkId === 'string') {
      this.session = saved;
      this.close(false);
    }
  }

  /** A narration starts (or the visitor comes back to another one): the previous one is over. */
  begin(artworkId: string, duration: number, exhibitionId?: string): void {
    if (this.session?.artworkId === artworkId) return;
    this.close(false);
    this.session = {
      id: this.deps.makeId(),
      artworkId,
      ...(exhibitionId ? { exhibitionId } : {}),
      duration,
      seconds: 0,
      furthest: 0,
      startedAt: new Date(this.deps.now()).toISOString(),
      last: null,
    };
  }

  /** Every position update while sound plays; a pause or a seek breaks the count, not the session. */
  heard(position: number, playing: boolean): void {
    const session = this.session;
    if (!session || !Number.isFinite(position)) return;
    if (playing && session.last !== null) {
      const step = position - session.last;
      if (step > 0 && step <= MAX_STEP_S) session.seconds += step;
    }
    session.last = playing ? position : null;
    if (playing) session.furthest = Math.max(session.furthest, position);
  }

  /** The narration played to its end. */
  finished(): void {
    if (this.session) this.session.furthest = this.session.duration;
    this.close(true);
  }

  /** The visitor left the narration (closed the player, or the app went away without sound). */
  left(): void {
    this.close(false);
  }

  /** The app goes to the background: sound still playing keeps the session, saved in case. */
  background(sounding: boolean): void {
    if (sounding && this.session) this.deps.write(STATS_SESSION, this.session);
    else this.close(false);
    void this.flush();
  }

  private close(finished: boolean): void {
    const session = this.session;
    this.session = null;
    this.deps.write(STATS_SESSION, null);
    // A narration opened and left before a second was heard is not a listen.
    if (!session || (session.seconds < 1 && !finished)) return;
    const limit = session.duration + 5;
    const event: ListenedEvent = {
      id: session.id,
      artworkId: session.artworkId,
      ...(session.exhibitionId ? { exhibitionId: session.exhibitionId } : {}),
      seconds: round1(Math.min(session.seconds, limit)),
      furthest: round1(Math.min(session.furthest, limit)),
      finished,
      at: session.startedAt,
    };
    const queue = [...this.queued(), event].slice(-STATS_QUEUE_LIMIT);
    this.deps.write(STATS_QUEUE, queue);
    void this.flush();
  }

  queued(): ListenedEvent[] {
    const saved = this.deps.read<unknown>(STATS_QUEUE);
    return Array.isArray(saved) ? (saved as ListenedEvent[]) : [];
  }

  /**
   * Sends what is queued, 50 a call, one flush at a time. An answered batch leaves the queue
   * (accepted, duplicates and rejected alike: sending a rejected event again would not help);
   * a batch that did not get through stays for the next flush.
   */
  flush(): Promise<void> {
    this.sending ??= this.send().finally(() => {
      this.sending = null;
    });
    return this.sending;
  }

  private async send(): Promise<void> {
    for (;;) {
      const batch = this.queued().slice(0, STATS_BATCH);
      if (batch.length === 0) return;
      try {
        await this.deps.client.callFunction('stats', { action: 'listened', events: batch });
      } catch (error) {
        // The caller's mistake (a malformed batch) is dropped rather than sent forever.
        if (!(isBackendError(error) && error.code === 'INVALID_ARGUMENT')) return;
      }
      const sent = new Set(batch.map((event) => event.id));
      this.deps.write(
        STATS_QUEUE,
        this.queued().filter((event) => !sent.has(event.id)),
      );
    }
  }
}

export function createListeningTracker(deps: ListeningDeps = defaultDeps): ListeningTracker {
  return new ListeningTracker(deps);
}
