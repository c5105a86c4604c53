import path from 'path';
import Datastore from '@seald-io/nedb';
import type { PurchaseKind } from '../../miniprogram/types/api';
import {
  byCreated,
  rightId,
  type LiveStateRepository,
  type OrderRecord,
  type ReminderRecord,
  type ReplaySourceRecord,
  type RightRecord,
} from './live-state';

function isUniqueViolation(error: unknown): boolean {
  return (error as { errorType?: string } | null)?.errorType === 'uniqueViolated';
}

/**
 * The local host's live state: one NeDB file per kind of record in a writable folder of its own
 * (apart from the read-only catalogue generations). Files are opened on first use.
 */
export class NedbLiveState implements LiveStateRepository {
  private readonly stores = new Map<string, Promise<Datastore>>();

  constructor(private readonly dir: string) {}

  private store<T extends { _id: string }>(name: string): Promise<Datastore<T>> {
    let loading = this.stores.get(name);
    if (!loading) {
      loading = (async () => {
        const store = new Datastore({ filename: path.join(this.dir, `${name}.db`) });
        await store.loadDatabaseAsync();
        return store;
      })();
      const attempt = loading;
      // A failed load (an unreadable file) is tried again on the next call, not kept.
      attempt.catch(() => {
        if (this.stores.get(name) === attempt) this.stores.delete(name);
      });
      this.stores.set(name, loading);
    }
    return loading as unknown as Promise<Datastore<T>>;
  }

  async addReminder(record: ReminderRecord): Promise<ReminderRecord> {
    const store = await this.store<ReminderRecord>('reminders');
    try {
      await store.insertAsync(record);
      return record;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return (await store.findOneAsync({ _id: record._id })) as ReminderRecord;
    }
  }

  async listReminders(liveId: string): Promise<ReminderRecord[]> {
    const store = await this.store<ReminderRecord>('reminders');
    return (await store.findAsync({ liveId })).sort(byCreated);
  }

  async claimReminder(id: string, at: string): Promise<boolean> {
    const store = await this.store<ReminderRecord>('reminders');
    const { numAffected } = await store.updateAsync(
      { _id: id, state: 'pending' },
      { $set: { state: 'sending', claimedAt: at } },
    );
    return numAffected === 1;
  }

  async finishReminder(
    id: string,
    outcome: { state: 'sent' | 'failed'; at: string; error?: string },
  ): Promise<void> {
    const store = await this.store<ReminderRecord>('reminders');
    const fields: Partial<ReminderRecord> = { state: outcome.state, sentAt: outcome.at };
    if (outcome.error) fields.error = outcome.error;
    await store.updateAsync({ _id: id, state: 'sending' }, { $set: fields });
  }

  async listReplaySources(): Promise<ReplaySourceRecord[]> {
    const store = await this.store<ReplaySourceRecord>('replay-sources');
    return (await store.findAsync({})).sort((a, b) => (a._id < b._id ? -1 : 1));
  }

  async findReplaySource(id: string): Promise<ReplaySourceRecord | null> {
    const store = await this.store<ReplaySourceRecord>('replay-sources');
    return (await store.findOneAsync({ _id: id })) ?? null;
  }

  async saveReplaySource(record: ReplaySourceRecord): Promise<void> {
    const store = await this.store<ReplaySourceRecord>('replay-sources');
    await store.updateAsync({ _id: record._id }, record, { upsert: true });
  }

  async addOrder(order: OrderRecord): Promise<void> {
    await (await this.store<OrderRecord>('orders')).insertAsync(order);
  }

  async findOrder(id: string): Promise<OrderRecord | null> {
    return (await (await this.store<OrderRecord>('orders')).findOneAsync({ _id: id })) ?? null;
  }

  async markOrderPaid(
    id: string,
    paid: { paidAt: string; transactionId: string },
  ): Promise<boolean> {
    const { numAffected } = await (
      await this.store<OrderRecord>('orders')
    ).updateAsync({ _id: id, state: 'created' }, { $set: { state: 'paid', ...paid } });
    return numAffected === 1;
  }

  async grantRight(right: RightRecord): Promise<void> {
    try {
      await (await this.store<RightRecord>('rights')).insertAsync(right);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }

  async hasRight(openid: string, kind: PurchaseKind, itemId: string): Promise<boolean> {
    const store = await this.store<RightRecord>('rights');
    return (await store.findOneAsync({ _id: rightId(openid, kind, itemId) })) !== null;
  }
}
