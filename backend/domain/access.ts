// Who may watch what has been paid for, and the one way a payment becomes a right: shared by the
// replays function (gating), the payments function (offers, orders, the development flow) and the
// WeChat Pay callback, so the three can never disagree.
import type { PurchaseKind } from '../../miniprogram/types/api';
import { rightId, type LiveStateRepository, type OrderRecord } from '../repository/live-state';
import type { CatalogueRepository } from '../repository/types';

export interface AccessSources {
  repository: Pick<CatalogueRepository, 'listLives'>;
  state: Pick<LiveStateRepository, 'hasRight' | 'findReplaySource'>;
}

/**
 * Whether this user holds the right to a paid live or replay. A replay is also open to whoever
 * bought the live it was recorded from (named by the live's record, or by a replay fetched from
 * the live platform); a replay bought on its own opens no live.
 */
export async function holdsRight(
  { repository, state }: AccessSources,
  openid: string,
  kind: PurchaseKind,
  itemId: string,
): Promise<boolean> {
  if (await state.hasRight(openid, kind, itemId)) return true;
  if (kind === 'live') return false;
  const [lives, source] = await Promise.all([
    repository.listLives(),
    state.findReplaySource(itemId),
  ]);
  const liveIds = new Set(lives.filter((live) => live.replayId === itemId).map((live) => live.id));
  if (source) liveIds.add(source.liveId);
  for (const liveId of liveIds) {
    if (await state.hasRight(openid, 'live', liveId)) return true;
  }
  return false;
}

/** What settling a payment did: granted now, granted before (a repeat), or refused. */
export type Settlement = 'granted' | 'repeated' | 'conflict';

/**
 * Marks the order paid and grants its right. The order moves from created to paid once; the right
 * is granted after that write, and again (harmlessly: grantRight keeps the first) whenever the same
 * payment is settled again, so a crash between the two writes heals on WeChat Pay's next notice.
 * An order already paid by another transaction grants nothing.
 */
export async function settleOrder(
  state: Pick<LiveStateRepository, 'markOrderPaid' | 'findOrder' | 'grantRight'>,
  order: OrderRecord,
  payment: { transactionId: string; paidAt: string },
): Promise<Settlement> {
  const marked = await state.markOrderPaid(order._id, payment);
  let outcome: Settlement = 'granted';
  if (!marked) {
    const stored = await state.findOrder(order._id);
    if (stored?.state !== 'paid' || stored.transactionId !== payment.transactionId) {
      return 'conflict';
    }
    outcome = 'repeated';
  }
  await state.grantRight({
    _id: rightId(order.openid, order.kind, order.itemId),
    openid: order.openid,
    kind: order.kind,
    itemId: order.itemId,
    orderId: order._id,
    grantedAt: payment.paidAt,
  });
  return outcome;
}
