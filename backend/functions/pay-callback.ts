import { randomBytes } from 'crypto';
import { settleOrder } from '../domain/access';
import type { LiveStateRepository, OrderRecord } from '../repository/live-state';
import type { WechatPay } from './payments';

/**
 * WeChat Pay's result notice as CloudBase hands it to the callback function: the v2 notice's
 * fields in camelCase (returnCode, resultCode, outTradeNo, totalFee in fen, transactionId, openid
 * under the payment provider's app, subOpenid under the mini program's, subMchId, timeEnd, …).
 */
export interface PayNotice {
  returnCode?: string;
  resultCode?: string;
  outTradeNo?: string;
  totalFee?: number;
  transactionId?: string;
  openid?: string;
  subOpenid?: string;
}

/** The answer CloudBase expects; anything but errcode 0 makes WeChat Pay notify again later. */
export interface PayCallbackAnswer {
  errcode: number;
  errmsg: string;
}

export interface PayCallbackDeps {
  state: Pick<LiveStateRepository, 'findOrder' | 'markOrderPaid' | 'grantRight'>;
  /**
   * WeChat Pay itself, asked about the order before a right is granted. Any mini program user of
   * the environment can call a cloud function by name, payCallback included, so a notice is a
   * claim to check, not a proof.
   */
  wechatPay: Pick<WechatPay, 'subMchId' | 'queryOrder'>;
  now?: () => number;
  /** Notices that changed nothing, and why (the function's log on CloudBase). */
  log?: (message: string) => void;
  logError?: (error: unknown) => void;
}

const HANDLED: PayCallbackAnswer = { errcode: 0, errmsg: '' };

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

function fen(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** The notice's fields this callback reads, whatever else (or nothing) the event holds. */
export function readNotice(event: unknown): PayNotice {
  const raw = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  return {
    returnCode: text(raw.returnCode),
    resultCode: text(raw.resultCode),
    outTradeNo: text(raw.outTradeNo),
    totalFee: fen(raw.totalFee),
    transactionId: text(raw.transactionId),
    openid: text(raw.openid),
    subOpenid: text(raw.subOpenid),
  };
}

/** The buyer is the mini program's OPENID: subOpenid in the provider's notice, or openid. */
const paidByBuyer = (notice: PayNotice, order: OrderRecord) =>
  notice.subOpenid === order.openid || notice.openid === order.openid;

/**
 * The payCallback function: settles an order on WeChat Pay's notice, at most once, and only when
 * the notice names a stored order, its buyer and its price, and WeChat Pay confirms the payment.
 */
export function createPayCallbackMain(deps: PayCallbackDeps) {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((message: string) => console.warn(message));

  // Refusals answer errcode 0 too: the notice will never become acceptable, so two days of
  // retries would only repeat the refusal. Each one is logged for staff to look into.
  const ignore = (reason: string): PayCallbackAnswer => {
    log(`payCallback: ${reason}; nothing changed`);
    return HANDLED;
  };
  // Only a fault on our side (the database, WeChat Pay's order query) is worth a retry.
  const retry = (reason: string): PayCallbackAnswer => ({ errcode: 1, errmsg: reason });

  /** Whether WeChat Pay reports this very transaction, at this price, paid for this order. */
  async function confirmed(
    order: OrderRecord,
    transactionId: string,
  ): Promise<'yes' | 'no' | 'unknown'> {
    const answer = await deps.wechatPay.queryOrder({
      subMchId: deps.wechatPay.subMchId,
      outTradeNo: order._id,
      nonceStr: randomBytes(16).toString('hex'),
    });
    if (answer?.returnCode !== 'SUCCESS') return 'unknown';
    return answer.resultCode === 'SUCCESS' &&
      answer.tradeState === 'SUCCESS' &&
      fen(answer.totalFee) === order.price &&
      answer.transactionId === transactionId
      ? 'yes'
      : 'no';
  }

  async function handle(event: unknown): Promise<PayCallbackAnswer> {
    const notice = readNotice(event);
    const id = notice.outTradeNo;
    if (!id) return ignore('a notice without outTradeNo');
    if (notice.returnCode !== 'SUCCESS' || notice.resultCode !== 'SUCCESS') {
      return ignore(`order ${id}: the notice reports no payment (${notice.resultCode ?? '-'})`);
    }
    const order = await deps.state.findOrder(id);
    // Orders are stored before WeChat Pay hears of them: an unknown number was never ours.
    if (!order) return ignore(`unknown order ${id}`);
    if (order.development) return ignore(`order ${id} belongs to the development flow`);
    if (notice.totalFee !== order.price) {
      return ignore(
        `order ${id}: the notice says ${notice.totalFee ?? '?'} fen, the order is ` +
          `${order.price} fen (refund by hand if it was paid)`,
      );
    }
    if (!paidByBuyer(notice, order)) return ignore(`order ${id}: the payer is not the buyer`);
    const transactionId = notice.transactionId;
    if (!transactionId) return ignore(`order ${id}: the notice has no transactionId`);
    if (order.state === 'paid' && order.transactionId !== transactionId) {
      return ignore(
        `order ${id} was paid by ${order.transactionId ?? '?'}, not ${transactionId} ` +
          '(a second payment? refund by hand)',
      );
    }
    // A repeat of the notice that paid the order needs no new check: settling it again only
    // grants the right if a crash came between the two writes.
    if (order.state === 'created') {
      if (!deps.wechatPay.subMchId) return retry('PAY_SUB_MCH_ID is not configured');
      const verdict = await confirmed(order, transactionId);
      if (verdict === 'unknown') return retry('WeChat Pay did not answer the order query');
      if (verdict === 'no') return ignore(`order ${id}: WeChat Pay does not confirm the notice`);
    }
    const settled = await settleOrder(deps.state, order, {
      transactionId,
      paidAt: new Date(now()).toISOString(),
    });
    if (settled === 'conflict') return ignore(`order ${id} was paid by another transaction`);
    return HANDLED;
  }

  return async (event: unknown): Promise<PayCallbackAnswer> => {
    try {
      return await handle(event);
    } catch (error) {
      deps.logError?.(error);
      return retry('internal error');
    }
  };
}
