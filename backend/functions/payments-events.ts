import { z } from 'zod';
import { requiredString, slug } from './artworks-events';
import type { AcceptsContract, Holds } from './dispatch';

const kind = z.enum(['live', 'replay'], {
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? '缺少参数 kind。' : '参数 kind 必须是 "live" 或 "replay"。',
});

// Who buys comes from the platform's context, never from the event.
export const paymentsOfferEventSchema = z.object({
  action: z.literal('offer'),
  kind,
  id: slug('id'),
});

export const paymentsOrderEventSchema = z.object({
  action: z.literal('order'),
  kind,
  id: slug('id'),
});

/** WeChat Pay's out_trade_no: at most 32 letters, digits, `_` or `-`. */
export const paymentsDevPayEventSchema = z.object({
  action: z.literal('devPay'),
  orderId: requiredString('orderId').regex(
    /^[A-Za-z0-9_-]{1,32}$/,
    '参数 orderId 无效：请使用下单（order）时返回的订单号。',
  ),
});

/** Every event the contract allows passes these schemas (does not compile if one is narrower). */
export type PaymentsSchemasAcceptTheContract = [
  Holds<AcceptsContract<'payments', 'offer', typeof paymentsOfferEventSchema>>,
  Holds<AcceptsContract<'payments', 'order', typeof paymentsOrderEventSchema>>,
  Holds<AcceptsContract<'payments', 'devPay', typeof paymentsDevPayEventSchema>>,
];
