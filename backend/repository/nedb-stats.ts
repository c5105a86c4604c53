import path from 'path';
import Datastore from '@seald-io/nedb';
import {
  dailyId,
  emptyDay,
  incrementsOf,
  type DailyListening,
  type ListeningTally,
  type StatsRepository,
} from './stats';

interface EventIdRecord {
  _id: string;
  day: string;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { errorType?: string } | null)?.errorType === 'uniqueViolated';
}

/**
 * The local host's listening statistics: `stats-daily.db` and `stats-events.db` in a writable
 * folder (the live state's, beside the visitors' file). Files are opened on first use.
 */
export class NedbStats implements StatsRepository {
  private daily?: Promise<Datastore<DailyListening>>;
  private events?: Promise<Datastore<EventIdRecord>>;

  constructor(private readonly dir: string) {}

  private open<T extends { _id: string }>(name: string): Promise<Datastore<T>> {
    return (async () => {
      const store = new Datastore<T>({ filename: path.join(this.dir, `${name}.db`) });
      await store.loadDatabaseAsync();
      return store;
    })();
  }

  // A failed load (an unreadable file) is tried again on the next call, not kept.
  private dailyStore(): Promise<Datastore<DailyListening>> {
    const loading = (this.daily ??= this.open<DailyListening>('stats-daily'));
    loading.catch(() => {
      if (this.daily === loading) this.daily = undefined;
    });
    return loading;
  }

  private eventStore(): Promise<Datastore<EventIdRecord>> {
    const loading = (this.events ??= this.open<EventIdRecord>('stats-events'));
    loading.catch(() => {
      if (this.events === loading) this.events = undefined;
    });
    return loading;
  }

  async recordEventId(id: string, day: string): Promise<boolean> {
    try {
      await (await this.eventStore()).insertAsync({ _id: id, day });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async forgetEventIds(ids: string[]): Promise<void> {
    await (await this.eventStore()).removeAsync({ _id: { $in: ids } }, { multi: true });
  }

  async forgetEventIdsBefore(day: string): Promise<void> {
    await (await this.eventStore()).removeAsync({ day: { $lt: day } }, { multi: true });
  }

  async addListening(tally: ListeningTally): Promise<void> {
    const store = await this.dailyStore();
    const increment = async () =>
      (
        await store.updateAsync(
          { _id: dailyId(tally.day, tally.artworkId) },
          { $inc: incrementsOf(tally) },
        )
      ).numAffected;
    if ((await increment()) === 1) return;
    // The day's first event: made at zero (so `dropoff` is an array, not the object an upsert of
    // `dropoff.3` would make), then incremented like any other.
    try {
      await store.insertAsync(emptyDay(tally));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    if ((await increment()) !== 1) throw new Error(`stats-daily ${tally.day}:${tally.artworkId}`);
  }

  async listDays(from: string, to: string): Promise<DailyListening[]> {
    return (await this.dailyStore()).findAsync({ day: { $gte: from, $lte: to } });
  }
}
