// What the backend writes about live tours while it runs, apart from the catalogue that content/
// seeds: visitors' reminders and whether each was sent, the replays fetched from the live platform,
// orders and the rights they grant. One interface, two stores: NeDB files locally, CloudBase
// collections in production (NedbLiveState is in nedb-live-state.ts, kept out of the functions'
// bundles). Every change is one insert or one conditional update of one
// document, so two runs racing each other cannot both win (a reminder is claimed before it is
// sent; an order is paid once; a right is granted once).
import type { PurchaseKind } from '../../miniprogram/types/api';
import { isDuplicateKey, isMissingDocument, settled } from './cloudbase';

/** One visitor's wish to hear about one live; `_id` is `<liveId>:<openid>`. */
export interface ReminderRecord {
  _id: string;
  liveId: string;
  openid: string;
  createdAt: string;
  /** `pending` until a run claims it (`sending`), then `sent` or `failed`; never back. */
  state: 'pending' | 'sending' | 'sent' | 'failed';
  claimedAt?: string;
  sentAt?: string;
  /** Why WeChat refused, when it did (e.g. the visitor's one-off permission was used up). */
  error?: string;
}

/** A replay as the live platform gave it: one HLS playlist per entry, each with its own expiry. */
export interface ReplaySourceRecord {
  /** The replay id the source belongs to. */
  _id: string;
  liveId: string;
  roomId: number;
  entries: Array<{ url: string; expiresAt: string; createdAt: string }>;
  syncedAt: string;
}

export interface OrderRecord {
  /** The out_trade_no WeChat Pay knows the order by. */
  _id: string;
  openid: string;
  kind: PurchaseKind;
  itemId: string;
  /** Fen (分), as the price was when the order was made. */
  price: number;
  state: 'created' | 'paid';
  /** True for an order of the local development flow, never for a WeChat Pay one. */
  development: boolean;
  createdAt: string;
  paidAt?: string;
  transactionId?: string;
}

/** The right of one user to watch one paid live or replay; `_id` is `<openid>:<kind>:<itemId>`. */
export interface RightRecord {
  _id: string;
  openid: string;
  kind: PurchaseKind;
  itemId: string;
  orderId: string;
  grantedAt: string;
}

export const reminderId = (liveId: string, openid: string) => `${liveId}:${openid}`;
export const rightId = (openid: string, kind: PurchaseKind, itemId: string) =>
  `${openid}:${kind}:${itemId}`;

export interface LiveStateRepository {
  /** Adds the reminder unless this user already has one for this live; answers what is stored. */
  addReminder(record: ReminderRecord): Promise<ReminderRecord>;
  /** Reminders of a live in every state, oldest first. */
  listReminders(liveId: string): Promise<ReminderRecord[]>;
  /** Moves a pending reminder to `sending`; false when it was not pending (another run has it). */
  claimReminder(id: string, at: string): Promise<boolean>;
  finishReminder(
    id: string,
    outcome: { state: 'sent' | 'failed'; at: string; error?: string },
  ): Promise<void>;

  listReplaySources(): Promise<ReplaySourceRecord[]>;
  findReplaySource(id: string): Promise<ReplaySourceRecord | null>;
  saveReplaySource(record: ReplaySourceRecord): Promise<void>;

  /** Stores a new order; an existing id is refused (it is never overwritten). */
  addOrder(order: OrderRecord): Promise<void>;
  findOrder(id: string): Promise<OrderRecord | null>;
  /** Moves a created order to paid; false when it was not `created` (unknown, or paid already). */
  markOrderPaid(id: string, paid: { paidAt: string; transactionId: string }): Promise<boolean>;
  /** Grants a right once: a second grant of the same right changes nothing. */
  grantRight(right: RightRecord): Promise<void>;
  hasRight(openid: string, kind: PurchaseKind, itemId: string): Promise<boolean>;
}

export const byCreated = (a: ReminderRecord, b: ReminderRecord) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a._id < b._id ? -1 : 1;

/**
 * The part of wx-server-sdk's database the live state needs; `cloud.database()` fits it as it is
 * (tests fake it with the same shape). Answers are "a promise, or nothing when a callback was
 * given" in the SDK's typings: see `answer`.
 */
export interface CloudStateCollection {
  add(options: { data: Record<string, unknown> }): Promise<unknown> | void | string;
  doc(id: string): {
    get(): Promise<{ data: unknown }> | void | string;
    set(options: { data: Record<string, unknown> }): Promise<unknown> | void | string;
  };
  where(filter: Record<string, unknown>): {
    get(): Promise<{ data: unknown[] }> | void | string;
    update(options: {
      data: Record<string, unknown>;
    }): Promise<{ stats: { updated: number } }> | void | string;
    limit(count: number): { get(): Promise<{ data: unknown[] }> | void | string };
  };
}

export interface CloudStateDatabase {
  collection(name: string): CloudStateCollection;
}

/** Collection names on CloudBase; their rule lets only the cloud functions read and write them. */
export const LIVE_STATE_COLLECTIONS = {
  reminders: 'liveReminders',
  replaySources: 'replaySources',
  orders: 'orders',
  rights: 'rights',
} as const;

/** Every document of a small collection filter, a CloudBase page (1,000) at a time is enough. */
const PAGE = 1000;

export class CloudBaseLiveState implements LiveStateRepository {
  constructor(private readonly db: CloudStateDatabase) {}

  private collection(name: keyof typeof LIVE_STATE_COLLECTIONS): CloudStateCollection {
    return this.db.collection(LIVE_STATE_COLLECTIONS[name]);
  }

  private async byId<T>(name: keyof typeof LIVE_STATE_COLLECTIONS, id: string): Promise<T | null> {
    try {
      const found = await settled(this.collection(name).doc(id).get(), `${name} doc get`);
      return found.data ? ({ ...(found.data as object), _id: id } as T) : null;
    } catch (error) {
      if (isMissingDocument(error)) return null;
      throw error;
    }
  }

  /** Inserts a document; false when one with its _id is there already. */
  private async insert(
    name: keyof typeof LIVE_STATE_COLLECTIONS,
    doc: { _id: string },
  ): Promise<boolean> {
    try {
      await settled(this.collection(name).add({ data: { ...doc } }), `${name} add`);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  private async updateWhere(
    name: keyof typeof LIVE_STATE_COLLECTIONS,
    filter: Record<string, unknown>,
    data: Record<string, unknown>,
  ): Promise<number> {
    const result = await settled(
      this.collection(name).where(filter).update({ data }),
      `${name} update`,
    );
    return result.stats.updated;
  }

  async addReminder(record: ReminderRecord): Promise<ReminderRecord> {
    if (await this.insert('reminders', record)) return record;
    return (await this.byId<ReminderRecord>('reminders', record._id)) ?? record;
  }

  async listReminders(liveId: string): Promise<ReminderRecord[]> {
    const found = await settled(
      this.collection('reminders').where({ liveId }).limit(PAGE).get(),
      'reminders get',
    );
    return (found.data as ReminderRecord[]).sort(byCreated);
  }

  async claimReminder(id: string, at: string): Promise<boolean> {
    return (
      (await this.updateWhere(
        'reminders',
        { _id: id, state: 'pending' },
        { state: 'sending', claimedAt: at },
      )) === 1
    );
  }

  async finishReminder(
    id: string,
    outcome: { state: 'sent' | 'failed'; at: string; error?: string },
  ): Promise<void> {
    const data: Record<string, unknown> = { state: outcome.state, sentAt: outcome.at };
    if (outcome.error) data.error = outcome.error;
    await this.updateWhere('reminders', { _id: id, state: 'sending' }, data);
  }

  async listReplaySources(): Promise<ReplaySourceRecord[]> {
    const found = await settled(
      this.collection('replaySources').where({}).limit(PAGE).get(),
      'replaySources get',
    );
    return (found.data as ReplaySourceRecord[]).sort((a, b) => (a._id < b._id ? -1 : 1));
  }

  findReplaySource(id: string): Promise<ReplaySourceRecord | null> {
    return this.byId<ReplaySourceRecord>('replaySources', id);
  }

  async saveReplaySource(record: ReplaySourceRecord): Promise<void> {
    // set() replaces the whole document in one write; CloudBase refuses an _id inside `data`.
    const { _id, ...data } = record;
    await settled(this.collection('replaySources').doc(_id).set({ data }), 'replaySources set');
  }

  async addOrder(order: OrderRecord): Promise<void> {
    if (!(await this.insert('orders', order))) throw new Error(`order ${order._id} exists`);
  }

  findOrder(id: string): Promise<OrderRecord | null> {
    return this.byId<OrderRecord>('orders', id);
  }

  async markOrderPaid(
    id: string,
    paid: { paidAt: string; transactionId: string },
  ): Promise<boolean> {
    return (
      (await this.updateWhere(
        'orders',
        { _id: id, state: 'created' },
        { state: 'paid', ...paid },
      )) === 1
    );
  }

  async grantRight(right: RightRecord): Promise<void> {
    await this.insert('rights', right);
  }

  async hasRight(openid: string, kind: PurchaseKind, itemId: string): Promise<boolean> {
    return (await this.byId<RightRecord>('rights', rightId(openid, kind, itemId))) !== null;
  }
}
