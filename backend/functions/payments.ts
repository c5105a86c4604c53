import { randomBytes } from 'crypto';
import type { Access, AnswerOf, PurchaseKind, WxPaymentParams } from '../../miniprogram/types/api';
import { holdsRight, settleOrder } from '../domain/access';
import { invalidArgument, notFound, permissionDenied, unavailable } from '../domain/errors';
import { isOpenid } from '../domain/identity';
import type { LiveStateRepository, OrderRecord } from '../repository/live-state';
import type { CatalogueRepository } from '../repository/types';
import { defineFunction } from './dispatch';
import {
  paymentsDevPayEventSchema,
  paymentsOfferEventSchema,
  paymentsOrderEventSchema,
} from './payments-events';

/** The cloud function WeChat Pay notifies (cloudfunctions/payCallback). */
export const PAY_CALLBACK_FUNCTION = 'payCallback';

/** cloud.cloudPay.unifiedOrder's request, camelCase as the SDK takes it (it signs and converts). */
export interface UnifiedOrderRequest {
  body: string;
  outTradeNo: string;
  spbillCreateIp: string;
  subMchId: string;
  totalFee: number;
  envId: string;
  functionName: string;
  nonceStr: string;
  tradeType: 'JSAPI';
}

/** The fields of unifiedOrder's answer read here (the SDK's answer is untyped: checked on use). */
export interface UnifiedOrderAnswer {
  returnCode?: unknown;
  returnMsg?: unknown;
  resultCode?: unknown;
  errCodeDes?: unknown;
  payment?: unknown;
}

export interface QueryOrderRequest {
  subMchId: string;
  outTradeNo: string;
  nonceStr: string;
}

/** The fields of cloudPay.queryOrder's answer read by the payment callback. */
export interface QueryOrderAnswer {
  returnCode?: unknown;
  returnMsg?: unknown;
  resultCode?: unknown;
  tradeState?: unknown;
  totalFee?: unknown;
  transactionId?: unknown;
}

/** CloudBase's WeChat Pay (cloud.cloudPay) with the merchant bound in the console. */
export interface WechatPay {
  /** The merchant number (子商户号) bound under 云开发控制台 → 设置 → 微信支付. */
  subMchId: string;
  /** The environment payCallback runs in, read when an order is made. */
  envId(): string | undefined;
  unifiedOrder(request: UnifiedOrderRequest): Promise<UnifiedOrderAnswer>;
  queryOrder(request: QueryOrderRequest): Promise<QueryOrderAnswer>;
}

export interface PaymentsDeps {
  repository: CatalogueRepository;
  state: LiveStateRepository;
  /** The caller's OPENID (CloudBase: getWXContext; the local host: X-WX-OPENID), if any. */
  identify: (context: unknown) => string | undefined;
  /**
   * True on the local host: orders are paid with `devPay` and WeChat Pay is never called. False on
   * CloudBase, where `wechatPay` makes the payment and only its notice grants the right.
   */
  development: boolean;
  wechatPay?: Pick<WechatPay, 'subMchId' | 'envId' | 'unifiedOrder'>;
  now?: () => number;
  /** Random hex digits for order numbers and nonces (tests may fix them). */
  randomHex?: (length: number) => string;
  logError?: (error: unknown) => void;
}

export type PaymentsResult = AnswerOf<'payments'>;

const ITEM_NAMES: Record<PurchaseKind, string> = { live: '直播', replay: '直播回放' };

const SIGN_TYPES: ReadonlySet<string> = new Set(['MD5', 'HMAC-SHA256', 'RSA']);

const defaultRandomHex = (length: number) =>
  randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length);

/** yyyyMMddHHmmss (UTC) and 18 random hex digits: 32 characters, as out_trade_no allows. */
function orderNumber(at: number, randomHex: (length: number) => string): string {
  const stamp = new Date(at).toISOString().replace(/\D/g, '').slice(0, 14);
  return `${stamp}${randomHex(18)}`;
}

/** The wx.requestPayment fields of a successful unifiedOrder answer, or null. */
function paymentOf(answer: UnifiedOrderAnswer): WxPaymentParams | null {
  if (answer.returnCode !== 'SUCCESS' || answer.resultCode !== 'SUCCESS') return null;
  const payment = (answer.payment ?? {}) as Record<string, unknown>;
  const { timeStamp, nonceStr, signType, paySign } = payment;
  const prepay = payment.package;
  if (
    typeof timeStamp !== 'string' ||
    typeof nonceStr !== 'string' ||
    typeof prepay !== 'string' ||
    typeof paySign !== 'string' ||
    typeof signType !== 'string' ||
    !SIGN_TYPES.has(signType)
  ) {
    return null;
  }
  return {
    timeStamp,
    nonceStr,
    package: prepay,
    signType: signType as WxPaymentParams['signType'],
    paySign,
  };
}

/** The `payments` function: what a paid live or replay costs, its orders, the development flow. */
export function createPaymentsMain(deps: PaymentsDeps) {
  const { repository, state } = deps;
  const now = deps.now ?? Date.now;
  const randomHex = deps.randomHex ?? defaultRandomHex;

  function callerOf(context: unknown, purpose: string): string {
    const openid = deps.identify(context);
    if (!isOpenid(openid)) {
      throw permissionDenied(`没有识别到微信用户身份（openid），无法${purpose}。`);
    }
    return openid;
  }

  /** The published live or replay with its price; NOT_FOUND, or INVALID_ARGUMENT when free. */
  async function paidItem(
    kind: PurchaseKind,
    id: string,
  ): Promise<{ title: string; price: number }> {
    const doc =
      kind === 'live' ? await repository.findLiveById(id) : await repository.findReplayById(id);
    if (!doc) throw notFound(`没有找到 id 为 ${id} 的${ITEM_NAMES[kind]}。`);
    // A record stored before prices existed is free.
    const access: Access = doc.access ?? { paid: false };
    if (!access.paid) {
      throw invalidArgument(
        `参数 id 无效：${ITEM_NAMES[kind]}「${doc.title}」免费观看，不需要购买。`,
      );
    }
    return { title: doc.title, price: access.price };
  }

  const owns = (openid: string, kind: PurchaseKind, id: string) =>
    holdsRight({ repository, state }, openid, kind, id);

  /** WeChat Pay with its merchant and environment, or UNAVAILABLE before any order is stored. */
  function configuredPay() {
    const pay = deps.wechatPay;
    const envId = pay?.envId();
    if (!pay || !pay.subMchId || !envId) {
      deps.logError?.(
        new Error('payments: WeChat Pay is not configured (PAY_SUB_MCH_ID, environment id)'),
      );
      throw unavailable('暂时无法付款：微信支付商户号（PAY_SUB_MCH_ID）还没有配置，请稍后再试。');
    }
    return { pay, envId };
  }

  /** Asks WeChat Pay for the prepaid transaction; anything but a clean answer is UNAVAILABLE. */
  async function wechatPayment(
    { pay, envId }: ReturnType<typeof configuredPay>,
    order: OrderRecord,
    title: string,
  ): Promise<WxPaymentParams> {
    const refused = () =>
      unavailable(`微信支付暂时无法为订单 ${order._id} 下单，请稍后再试（不会扣款）。`);
    let answer: UnifiedOrderAnswer;
    try {
      answer = await pay.unifiedOrder({
        body: `${ITEM_NAMES[order.kind]}-${title}`.slice(0, 40),
        outTradeNo: order._id,
        spbillCreateIp: '127.0.0.1',
        subMchId: pay.subMchId,
        totalFee: order.price,
        envId,
        functionName: PAY_CALLBACK_FUNCTION,
        nonceStr: randomHex(32),
        tradeType: 'JSAPI',
      });
    } catch (error) {
      deps.logError?.(error);
      throw refused();
    }
    const payment = paymentOf(answer ?? {});
    if (!payment) {
      deps.logError?.(
        new Error(
          `payments: unifiedOrder refused ${order._id}: ${String(answer?.returnMsg ?? '')} ${String(
            answer?.errCodeDes ?? '',
          )}`.trim(),
        ),
      );
      throw refused();
    }
    return payment;
  }

  return defineFunction(
    'payments',
    {
      offer: paymentsOfferEventSchema,
      order: paymentsOrderEventSchema,
      devPay: paymentsDevPayEventSchema,
    },
    {
      async offer({ kind, id }, context) {
        const { title, price } = await paidItem(kind, id);
        // No identity is needed to see a price; without one nothing is owned.
        const openid = deps.identify(context);
        const owned = isOpenid(openid) ? await owns(openid, kind, id) : false;
        return { kind, id, title, price, owned, development: deps.development };
      },
      async order({ kind, id }, context) {
        const openid = callerOf(context, '下单购买');
        const { title, price } = await paidItem(kind, id);
        if (await owns(openid, kind, id)) {
          throw invalidArgument(
            `参数 id 无效：你已经购买了${ITEM_NAMES[kind]}「${title}」，可以直接观看，无需再次购买。`,
          );
        }
        const at = now();
        const order: OrderRecord = {
          _id: orderNumber(at, randomHex),
          openid,
          kind,
          itemId: id,
          price,
          state: 'created',
          development: deps.development,
          createdAt: new Date(at).toISOString(),
        };
        const pay = deps.development ? null : configuredPay();
        // Stored before WeChat Pay hears of it, so its notice always finds the order.
        await state.addOrder(order);
        const payment = pay ? await wechatPayment(pay, order, title) : null;
        return { orderId: order._id, price, payment, development: deps.development };
      },
      async devPay({ orderId }, context) {
        if (!deps.development) {
          throw permissionDenied(
            '参数 action 无效：开发支付（devPay）只在本地开发服务器上可用，请通过微信支付付款。',
          );
        }
        const openid = callerOf(context, '支付订单');
        const order = await state.findOrder(orderId);
        // Someone else's order is answered as no order at all: its number tells nobody anything.
        if (!order || order.openid !== openid) {
          throw notFound(`没有找到订单号为 ${orderId} 的订单（参数 orderId）。`);
        }
        if (!order.development) {
          throw permissionDenied(`订单 ${orderId} 需要通过微信支付付款，不能使用开发支付。`);
        }
        const settled = await settleOrder(state, order, {
          transactionId: `dev-${order._id}`,
          paidAt: new Date(now()).toISOString(),
        });
        if (settled === 'conflict') {
          throw invalidArgument(`参数 orderId 无效：订单 ${orderId} 已经由另一笔付款支付过。`);
        }
        return { granted: true as const };
      },
    },
    deps.logError,
  );
}
