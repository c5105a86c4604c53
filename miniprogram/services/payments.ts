// Buying the right to watch a paid live or replay. On CloudBase the order comes back with the
// parameters of wx.requestPayment and the payment callback function grants the right; on the
// local host there is no merchant account, so a development flow, labelled as such, stands in.
import type { PaymentOffer, PurchaseKind, WxPaymentParams } from '../types/api';
import { backend, isBackendError, messageOf, type BackendClient } from './backend';

export type PurchaseResult =
  | { kind: 'owned' }
  | { kind: 'cancelled' }
  /** Paid, but WeChat Pay's notice has not reached the backend yet: try again in a moment. */
  | { kind: 'pending' }
  | { kind: 'failed'; message: string };

export interface PurchaseDeps {
  client: BackendClient;
  requestPayment(params: WxPaymentParams): Promise<'paid' | 'cancelled' | string>;
  /** The visitor confirms the development payment (never shown with WeChat Pay). */
  confirmDevelopmentPayment(offer: PaymentOffer): Promise<boolean>;
  wait(ms: number): Promise<void>;
}

function wxRequestPayment(params: WxPaymentParams): Promise<'paid' | 'cancelled' | string> {
  return new Promise((resolve) => {
    wx.requestPayment({
      ...params,
      success: () => resolve('paid'),
      fail: (error: { errMsg: string }) =>
        resolve(/cancel/i.test(error.errMsg) ? 'cancelled' : error.errMsg),
    });
  });
}

function confirmDevelopment(offer: PaymentOffer): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({
      title: '开发环境 · 模拟支付',
      content: `本地开发主机没有接入微信支付：确认后直接获得「${offer.title}」的观看权限，不会产生任何扣款。`,
      confirmText: '模拟支付',
      cancelText: '取消',
      success: (result) => resolve(result.confirm),
      fail: () => resolve(false),
    });
  });
}

const defaultDeps: PurchaseDeps = {
  client: backend,
  requestPayment: wxRequestPayment,
  confirmDevelopmentPayment: confirmDevelopment,
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export function offerOf(
  kind: PurchaseKind,
  id: string,
  client: BackendClient = backend,
): Promise<PaymentOffer> {
  return client.callFunction('payments', { action: 'offer', kind, id });
}

/** How often, and how many times, the right is looked for after WeChat Pay said "paid". */
const CONFIRM_POLLS = 5;
const CONFIRM_INTERVAL_MS = 1500;

/** The whole purchase: order, pay (or the development flow), then the right is there. */
export async function purchase(
  offer: PaymentOffer,
  deps: PurchaseDeps = defaultDeps,
): Promise<PurchaseResult> {
  const { client } = deps;
  try {
    if (offer.development && !(await deps.confirmDevelopmentPayment(offer))) {
      return { kind: 'cancelled' };
    }
    const order = await client.callFunction('payments', {
      action: 'order',
      kind: offer.kind,
      id: offer.id,
    });
    if (order.development || !order.payment) {
      await client.callFunction('payments', { action: 'devPay', orderId: order.orderId });
      return { kind: 'owned' };
    }
    const paid = await deps.requestPayment(order.payment);
    if (paid === 'cancelled') return { kind: 'cancelled' };
    if (paid !== 'paid') return { kind: 'failed', message: `支付没有完成：${paid}` };
    // The right is granted by the payment callback, which WeChat Pay calls on its own schedule.
    for (let attempt = 0; attempt < CONFIRM_POLLS; attempt += 1) {
      if ((await offerOf(offer.kind, offer.id, client)).owned) return { kind: 'owned' };
      await deps.wait(CONFIRM_INTERVAL_MS);
    }
    return { kind: 'pending' };
  } catch (error) {
    // Bought meanwhile (another device, a double tap): the right is there, which is what counts.
    if (
      isBackendError(error) &&
      error.code === 'INVALID_ARGUMENT' &&
      /已经购买|已购买/.test(error.detail)
    ) {
      return { kind: 'owned' };
    }
    return { kind: 'failed', message: messageOf(error) };
  }
}
