// Paid lives and replays on both live-state stores (a NeDB folder, and CloudBase collections in the
// database stand-in): the payments function in its development flow and with WeChat Pay, the
// payment callback, and the replays function's gate that the right opens.
import { loadCatalogue } from '../../backend/content/load';
import type { LiveDoc } from '../../backend/domain/catalogue';
import { localMediaUrl } from '../../backend/domain/media';
import { createLinkSigner } from '../../backend/domain/signing';
import { localVideoLinker } from '../../backend/domain/video-links';
import {
  createPayCallbackMain,
  type PayCallbackAnswer,
} from '../../backend/functions/pay-callback';
import {
  createPaymentsMain,
  type QueryOrderAnswer,
  type QueryOrderRequest,
  type UnifiedOrderAnswer,
  type UnifiedOrderRequest,
  type WechatPay,
} from '../../backend/functions/payments';
import { createReplaysMain } from '../../backend/functions/replays';
import { CloudBaseCatalogue } from '../../backend/repository/cloudbase';
import { CloudBaseLiveState, type LiveStateRepository } from '../../backend/repository/live-state';
import { NedbCatalogue, seedLocalStore } from '../../backend/repository/nedb';
import { NedbLiveState } from '../../backend/repository/nedb-live-state';
import type { CatalogueRepository } from '../../backend/repository/types';
import type {
  Envelope,
  ErrorBody,
  PaymentOffer,
  PaymentOrder,
  Replay,
} from '../../miniprogram/types/api';
import { tempDir } from '../support/temp';
import { CONTENT_DIR } from './fixture';
import { fakeCloudDb } from './fake-cloud-db';

const HIGHLIGHTS = 'first-livestream-2020-highlights'; // paid replay, 990 fen
const FREE_REPLAY = 'first-livestream-2020';
const KANDINSKY_LIVE = 'kandinsky-colour-lesson-2027'; // paid live, 1990 fen
const FREE_LIVE = 'rooftop-paris-2027';
/** Made up here: a paid live that became the paid highlights replay. */
const LIVE_WITH_REPLAY = 'paid-live-with-replay';
const DRAFT_LIVE = 'secret-paid-live';

interface Stores {
  repository: CatalogueRepository;
  state: LiveStateRepository;
}

/** content/ plus a paid live whose replay is the paid highlights, and an unpublished paid live. */
async function catalogue() {
  const loaded = await loadCatalogue(CONTENT_DIR);
  const template = loaded.lives?.find((live) => live.id === KANDINSKY_LIVE);
  if (!template) throw new Error(`content/lives needs ${KANDINSKY_LIVE}`);
  const extra: LiveDoc[] = [
    { ...template, _id: LIVE_WITH_REPLAY, id: LIVE_WITH_REPLAY, replayId: HIGHLIGHTS },
    { ...template, _id: DRAFT_LIVE, id: DRAFT_LIVE, published: false },
  ];
  return { ...loaded, lives: [...(loaded.lives ?? []), ...extra] };
}

const STORES: Array<[string, () => Promise<Stores>]> = [
  [
    'NeDB',
    async () => {
      const storeDir = await tempDir('pompidou-payments-store-');
      await seedLocalStore(storeDir, await catalogue(), 'payments');
      return {
        repository: await NedbCatalogue.open(storeDir),
        state: new NedbLiveState(await tempDir('pompidou-payments-state-')),
      };
    },
  ],
  [
    'CloudBase (wx-server-sdk database)',
    async () => {
      const documents = await catalogue();
      const db = fakeCloudDb({
        artists: documents.artists as unknown as Array<Record<string, unknown>>,
        artworks: documents.artworks as unknown as Array<Record<string, unknown>>,
        replays: documents.replays as unknown as Array<Record<string, unknown>>,
        exhibitions: (documents.exhibitions ?? []) as unknown as Array<Record<string, unknown>>,
        lives: documents.lives as unknown as Array<Record<string, unknown>>,
      });
      const stateDb = db;
      return { repository: new CloudBaseCatalogue(db), state: new CloudBaseLiveState(stateDb) };
    },
  ],
];

/**
 * A stand-in of CloudBase's cloud.cloudPay and of WeChat Pay behind it: unifiedOrder records each
 * request and answers a prepaid transaction shaped as the SDK's camelCase answer; `pay` plays the
 * visitor finishing wx.requestPayment (WeChat Pay then knows a transaction for the order);
 * queryOrder answers from those transactions; `notice` is what WeChat Pay sends to payCallback.
 */
function fakeWechatPay() {
  const orders: UnifiedOrderRequest[] = [];
  const queries: QueryOrderRequest[] = [];
  const paid = new Map<string, { transactionId: string; totalFee: number; openid: string }>();
  let next: 'ok' | 'throw' | 'returnFail' | 'resultFail' = 'ok';
  let queryFails = false;
  let transactions = 0;
  const pay: WechatPay = {
    subMchId: '1900000109',
    envId: () => 'test-env-123',
    async unifiedOrder(request) {
      orders.push(request);
      if (next === 'throw') throw new Error('cloudPay.unifiedOrder:fail timeout');
      if (next === 'returnFail') return { returnCode: 'FAIL', returnMsg: '签名错误' };
      const answer: UnifiedOrderAnswer = {
        returnCode: 'SUCCESS',
        returnMsg: 'OK',
        resultCode: next === 'resultFail' ? 'FAIL' : 'SUCCESS',
        errCodeDes: next === 'resultFail' ? '商户号未授权' : undefined,
        payment: {
          appId: 'wx0000000000000000',
          timeStamp: '1765000000',
          nonceStr: 'n0nce',
          package: `prepay_id=wx${request.outTradeNo}`,
          signType: 'MD5',
          paySign: 'SIGNATURE',
        },
      };
      return answer;
    },
    async queryOrder(request): Promise<QueryOrderAnswer> {
      queries.push(request);
      if (queryFails) throw new Error('cloudPay.queryOrder:fail timeout');
      const transaction = paid.get(request.outTradeNo);
      if (!transaction)
        return { returnCode: 'SUCCESS', resultCode: 'SUCCESS', tradeState: 'NOTPAY' };
      return {
        returnCode: 'SUCCESS',
        resultCode: 'SUCCESS',
        tradeState: 'SUCCESS',
        totalFee: transaction.totalFee,
        transactionId: transaction.transactionId,
      };
    },
  };
  return {
    pay,
    orders,
    queries,
    failNext(mode: typeof next) {
      next = mode;
    },
    failQueries(on: boolean) {
      queryFails = on;
    },
    /** The visitor pays the order they were given (its unifiedOrder request). */
    payOrder(outTradeNo: string, openid: string) {
      const request = orders.find((order) => order.outTradeNo === outTradeNo);
      if (!request) throw new Error(`no unifiedOrder for ${outTradeNo}`);
      const transactionId = `42000${String(++transactions).padStart(23, '0')}`;
      paid.set(outTradeNo, { transactionId, totalFee: request.totalFee, openid });
      return transactionId;
    },
    /** WeChat Pay's notice for a paid order, as CloudBase passes it to the callback. */
    notice(outTradeNo: string, changes: Record<string, unknown> = {}) {
      const transaction = paid.get(outTradeNo);
      return {
        returnCode: 'SUCCESS',
        appid: 'wxd0000000000000sp',
        mchId: '1800000001',
        subAppid: 'wx0000000000000000',
        subMchId: '1900000109',
        nonceStr: 'f6444fd22de27b16',
        resultCode: 'SUCCESS',
        openid: 'oProvider-openid-of-the-payer',
        isSubscribe: 'N',
        subOpenid: transaction?.openid ?? 'nobody',
        subIsSubscribe: 'N',
        tradeType: 'JSAPI',
        bankType: 'OTHERS',
        totalFee: transaction?.totalFee ?? 1,
        feeType: 'CNY',
        cashFee: transaction?.totalFee ?? 1,
        transactionId: transaction?.transactionId ?? '4200000000000000000000000000',
        outTradeNo,
        timeEnd: '20261125120000',
        ...changes,
      };
    },
  };
}

/** As CloudBase's getWXContext() would report the caller. */
const as = (openid: string) => ({ OPENID: openid });
const identify = (context: unknown) => (context as { OPENID?: string } | undefined)?.OPENID;

const signer = createLinkSigner({
  secret: 'payments-test-secret-0123',
  baseUrl: 'http://127.0.0.1:3000/media',
  ttlSeconds: 600,
});

async function data<T>(
  main: (event: unknown, context?: unknown) => Promise<unknown>,
  event: unknown,
  context?: unknown,
): Promise<T> {
  const envelope = (await main(event, context)) as Envelope<T>;
  if (!envelope.ok) throw new Error(`expected ok, got ${JSON.stringify(envelope.error)}`);
  return envelope.data;
}

async function failure(
  main: (event: unknown, context?: unknown) => Promise<unknown>,
  event: unknown,
  context?: unknown,
): Promise<ErrorBody> {
  const envelope = (await main(event, context)) as Envelope<unknown>;
  if (envelope.ok) throw new Error(`expected an error, got ${JSON.stringify(envelope.data)}`);
  expect(envelope.error.message).toMatch(/[\u4e00-\u9fff]/);
  return envelope.error;
}

describe.each(STORES)('payments on %s', (_name, open) => {
  let stores: Stores;
  let wechat: ReturnType<typeof fakeWechatPay>;
  let log: jest.Mock;
  let logError: jest.Mock;
  let local: ReturnType<typeof createPaymentsMain>;
  let cloud: ReturnType<typeof createPaymentsMain>;
  let callback: (event: unknown) => Promise<PayCallbackAnswer>;
  let replays: ReturnType<typeof createReplaysMain>;

  beforeAll(async () => {
    stores = await open();
  });

  beforeEach(() => {
    wechat = fakeWechatPay();
    log = jest.fn();
    logError = jest.fn();
    const common = { ...stores, identify, logError };
    local = createPaymentsMain({ ...common, development: true });
    cloud = createPaymentsMain({ ...common, development: false, wechatPay: wechat.pay });
    callback = createPayCallbackMain({ state: stores.state, wechatPay: wechat.pay, log, logError });
    replays = createReplaysMain({
      ...common,
      mediaUrl: localMediaUrl('http://127.0.0.1:3000'),
      videoLink: localVideoLinker(signer),
    });
  });

  /** A fresh user per test, so tests share no rights. */
  let users = 0;
  const newUser = () => `user_${++users}-${Date.now().toString(36)}`;

  const watch = (openid: string, id = HIGHLIGHTS) => replays({ action: 'get', id }, as(openid));
  const order = (main: typeof local, openid: string, kind: string, id: string) =>
    data<PaymentOrder>(main, { action: 'order', kind, id }, as(openid));
  const devPay = (openid: string, orderId: string) =>
    local({ action: 'devPay', orderId }, as(openid));

  async function paidWithWechat(openid: string, kind = 'replay', id = HIGHLIGHTS) {
    const made = await order(cloud, openid, kind, id);
    const transactionId = wechat.payOrder(made.orderId, openid);
    return { orderId: made.orderId, transactionId };
  }

  describe('offer', () => {
    it('answers the price of a paid replay or live, and whether the caller owns it', async () => {
      expect(await data(local, { action: 'offer', kind: 'replay', id: HIGHLIGHTS })).toEqual({
        kind: 'replay',
        id: HIGHLIGHTS,
        title: '首场直播精华：三位大师四十分钟（付费示例）',
        price: 990,
        owned: false,
        development: true,
      } satisfies PaymentOffer);
      const live = await data<PaymentOffer>(
        cloud,
        { action: 'offer', kind: 'live', id: KANDINSKY_LIVE },
        as(newUser()),
      );
      expect(live).toMatchObject({ kind: 'live', price: 1990, owned: false, development: false });
    });

    it('refuses free, unknown or unpublished items and bad events, naming the field', async () => {
      for (const [kind, id] of [
        ['replay', FREE_REPLAY],
        ['live', FREE_LIVE],
      ]) {
        expect(await failure(local, { action: 'offer', kind, id })).toMatchObject({
          code: 'INVALID_ARGUMENT',
          message: expect.stringContaining('免费'),
        });
      }
      for (const [kind, id] of [
        ['live', DRAFT_LIVE],
        ['live', 'no-such-live'],
        ['replay', 'secret-rehearsal-2030'],
        ['live', HIGHLIGHTS],
      ]) {
        expect(await failure(local, { action: 'offer', kind, id })).toMatchObject({
          code: 'NOT_FOUND',
        });
      }
      expect(await failure(local, { action: 'offer', kind: 'book', id: HIGHLIGHTS })).toEqual({
        code: 'INVALID_ARGUMENT',
        message: '参数 kind 必须是 "live" 或 "replay"。',
      });
      expect(await failure(local, { action: 'offer', id: HIGHLIGHTS })).toEqual({
        code: 'INVALID_ARGUMENT',
        message: '缺少参数 kind。',
      });
      expect(await failure(local, { action: 'offer', kind: 'replay' })).toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: '缺少参数 id。',
      });
    });
  });

  describe('the development flow', () => {
    it('opens the replay after order and devPay, and not before', async () => {
      const buyer = newUser();
      expect(await failure(replays, { action: 'get', id: HIGHLIGHTS }, as(buyer))).toEqual({
        code: 'PERMISSION_DENIED',
        message:
          '回放「首场直播精华：三位大师四十分钟（付费示例）」是付费内容：购买（¥9.90）后即可观看。',
      });

      const made = await order(local, buyer, 'replay', HIGHLIGHTS);
      expect(made).toEqual({
        orderId: expect.stringMatching(/^\d{14}[0-9a-f]{18}$/),
        price: 990,
        payment: null,
        development: true,
      });
      expect(wechat.orders).toEqual([]);
      expect(await stores.state.findOrder(made.orderId)).toMatchObject({
        openid: buyer,
        kind: 'replay',
        itemId: HIGHLIGHTS,
        price: 990,
        state: 'created',
        development: true,
      });
      // Ordering alone opens nothing.
      expect((await watch(buyer)).ok).toBe(false);

      expect(await devPay(buyer, made.orderId)).toEqual({ ok: true, data: { granted: true } });
      const replay = await data<Replay>(replays, { action: 'get', id: HIGHLIGHTS }, as(buyer));
      expect(replay.video.url).toContain('/media/video/');
      expect(await stores.state.findOrder(made.orderId)).toMatchObject({
        state: 'paid',
        transactionId: `dev-${made.orderId}`,
      });
      expect(
        await data(local, { action: 'offer', kind: 'replay', id: HIGHLIGHTS }, as(buyer)),
      ).toMatchObject({ owned: true });

      // Paying again changes nothing; buying again is refused as bought.
      expect(await devPay(buyer, made.orderId)).toEqual({ ok: true, data: { granted: true } });
      expect(
        await failure(local, { action: 'order', kind: 'replay', id: HIGHLIGHTS }, as(buyer)),
      ).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('已经购买') });
      // Someone else still cannot watch.
      expect((await watch(newUser())).ok).toBe(false);
    });

    it('makes a unique 32-character order number for each order', async () => {
      const buyer = newUser();
      const ids = new Set<string>();
      for (let i = 0; i < 5; i += 1)
        ids.add((await order(local, buyer, 'live', KANDINSKY_LIVE)).orderId);
      expect(ids.size).toBe(5);
      for (const id of ids) expect(id).toHaveLength(32);
    });

    it('pays only the caller’s own development orders', async () => {
      const buyer = newUser();
      const made = await order(local, buyer, 'replay', HIGHLIGHTS);
      const stranger = newUser();
      expect(
        await failure(local, { action: 'devPay', orderId: made.orderId }, as(stranger)),
      ).toEqual({
        code: 'NOT_FOUND',
        message: `没有找到订单号为 ${made.orderId} 的订单（参数 orderId）。`,
      });
      expect((await watch(stranger)).ok).toBe(false);
      expect((await watch(buyer)).ok).toBe(false);
      expect(await failure(local, { action: 'devPay', orderId: 'nope' }, as(buyer))).toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(await failure(local, { action: 'devPay', orderId: 'has space' }, as(buyer))).toEqual({
        code: 'INVALID_ARGUMENT',
        message: '参数 orderId 无效：请使用下单（order）时返回的订单号。',
      });
      // A WeChat Pay order cannot be paid by the development flow, even where it runs.
      const real = await order(cloud, buyer, 'replay', HIGHLIGHTS);
      expect(
        await failure(local, { action: 'devPay', orderId: real.orderId }, as(buyer)),
      ).toMatchObject({
        code: 'PERMISSION_DENIED',
      });
      expect((await watch(buyer)).ok).toBe(false);
    });

    it('refuses devPay where the function is not in development mode', async () => {
      const buyer = newUser();
      const made = await order(local, buyer, 'replay', HIGHLIGHTS);
      expect(
        await failure(cloud, { action: 'devPay', orderId: made.orderId }, as(buyer)),
      ).toMatchObject({
        code: 'PERMISSION_DENIED',
        message: expect.stringContaining('devPay'),
      });
      expect((await stores.state.findOrder(made.orderId))?.state).toBe('created');
      expect((await watch(buyer)).ok).toBe(false);
    });
  });

  describe('order', () => {
    it('needs the caller’s identity, and a paid item', async () => {
      for (const context of [undefined, {}, as(''), as('has space')]) {
        for (const main of [local, cloud]) {
          expect(
            await failure(main, { action: 'order', kind: 'replay', id: HIGHLIGHTS }, context),
          ).toMatchObject({
            code: 'PERMISSION_DENIED',
            message: expect.stringContaining('openid'),
          });
          expect(
            await failure(main, { action: 'devPay', orderId: '20261125000000abc' }, context),
          ).toMatchObject({ code: 'PERMISSION_DENIED' });
        }
      }
      // An openid in the event is never read.
      expect(
        await failure(local, { action: 'order', kind: 'replay', id: HIGHLIGHTS, openid: 'x' }),
      ).toMatchObject({ code: 'PERMISSION_DENIED' });
      const buyer = newUser();
      expect(
        await failure(local, { action: 'order', kind: 'replay', id: FREE_REPLAY }, as(buyer)),
      ).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('免费') });
      expect(
        await failure(local, { action: 'order', kind: 'live', id: DRAFT_LIVE }, as(buyer)),
      ).toMatchObject({ code: 'NOT_FOUND' });
      expect(wechat.orders).toEqual([]);
    });

    it('asks WeChat Pay on CloudBase and answers wx.requestPayment’s fields', async () => {
      const buyer = newUser();
      const made = await order(cloud, buyer, 'replay', HIGHLIGHTS);
      expect(wechat.orders).toEqual([
        {
          body: '直播回放-首场直播精华：三位大师四十分钟（付费示例）',
          outTradeNo: made.orderId,
          spbillCreateIp: '127.0.0.1',
          subMchId: '1900000109',
          totalFee: 990,
          envId: 'test-env-123',
          functionName: 'payCallback',
          nonceStr: expect.stringMatching(/^[0-9a-f]{32}$/),
          tradeType: 'JSAPI',
        },
      ]);
      expect(made).toEqual({
        orderId: expect.stringMatching(/^\d{14}[0-9a-f]{18}$/),
        price: 990,
        payment: {
          timeStamp: '1765000000',
          nonceStr: 'n0nce',
          package: `prepay_id=wx${made.orderId}`,
          signType: 'MD5',
          paySign: 'SIGNATURE',
        },
        development: false,
      });
      expect(await stores.state.findOrder(made.orderId)).toMatchObject({
        state: 'created',
        development: false,
      });
    });

    it('answers UNAVAILABLE when WeChat Pay fails or is not configured', async () => {
      const buyer = newUser();
      for (const mode of ['throw', 'returnFail', 'resultFail'] as const) {
        wechat.failNext(mode);
        expect(
          await failure(cloud, { action: 'order', kind: 'replay', id: HIGHLIGHTS }, as(buyer)),
        ).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('微信支付') });
      }
      expect(logError).toHaveBeenCalledTimes(3);
      const unconfigured = createPaymentsMain({
        ...stores,
        identify,
        development: false,
        wechatPay: { ...wechat.pay, subMchId: '' },
      });
      const before = wechat.orders.length;
      expect(
        await failure(unconfigured, { action: 'order', kind: 'replay', id: HIGHLIGHTS }, as(buyer)),
      ).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('PAY_SUB_MCH_ID') });
      expect(wechat.orders).toHaveLength(before);
    });
  });

  describe('payCallback', () => {
    it('grants the right once on WeChat Pay’s confirmed notice', async () => {
      const buyer = newUser();
      expect((await watch(buyer)).ok).toBe(false);
      const { orderId, transactionId } = await paidWithWechat(buyer);
      expect(await callback(wechat.notice(orderId))).toEqual({ errcode: 0, errmsg: '' });
      expect(wechat.queries).toEqual([
        { subMchId: '1900000109', outTradeNo: orderId, nonceStr: expect.any(String) },
      ]);
      const paid = await stores.state.findOrder(orderId);
      expect(paid).toMatchObject({ state: 'paid', transactionId });
      expect((await watch(buyer)).ok).toBe(true);
      expect(await stores.state.hasRight(buyer, 'replay', HIGHLIGHTS)).toBe(true);

      // The same notice again: answered, nothing new.
      expect(await callback(wechat.notice(orderId))).toEqual({ errcode: 0, errmsg: '' });
      expect(await stores.state.findOrder(orderId)).toEqual(paid);
      expect(wechat.queries).toHaveLength(1);
    });

    it('changes nothing for a wrong amount, unknown order, failed result, other payer', async () => {
      const buyer = newUser();
      const { orderId } = await paidWithWechat(buyer);
      const refused = [
        wechat.notice(orderId, { totalFee: 1, cashFee: 1 }),
        wechat.notice('20261125000000ffffffffffffffffff'),
        wechat.notice(orderId, { resultCode: 'FAIL', errCode: 'NOTENOUGH' }),
        wechat.notice(orderId, { returnCode: 'FAIL' }),
        wechat.notice(orderId, { subOpenid: 'someone-else', openid: 'someone-else-too' }),
        wechat.notice(orderId, { transactionId: undefined }),
        {},
        null,
      ];
      for (const notice of refused) {
        expect(await callback(notice)).toEqual({ errcode: 0, errmsg: '' });
      }
      expect(log).toHaveBeenCalledTimes(refused.length);
      expect(log.mock.calls[0]?.[0]).toContain('990 fen');
      expect(await stores.state.findOrder(orderId)).toMatchObject({ state: 'created' });
      expect((await watch(buyer)).ok).toBe(false);
      expect(wechat.queries).toEqual([]);
    });

    it('believes no notice that WeChat Pay does not confirm', async () => {
      // Any user of the environment can call payCallback by name: a forged notice, unpaid order.
      const buyer = newUser();
      const made = await order(cloud, buyer, 'replay', HIGHLIGHTS);
      const forged = wechat.notice(made.orderId, { subOpenid: buyer, totalFee: 990 });
      expect(await callback(forged)).toEqual({ errcode: 0, errmsg: '' });
      expect(await stores.state.findOrder(made.orderId)).toMatchObject({ state: 'created' });
      expect((await watch(buyer)).ok).toBe(false);
      // And a development order is never paid by a notice.
      const dev = await order(local, buyer, 'replay', HIGHLIGHTS);
      expect(
        await callback(wechat.notice(dev.orderId, { subOpenid: buyer, totalFee: 990 })),
      ).toEqual({ errcode: 0, errmsg: '' });
      expect((await stores.state.findOrder(dev.orderId))?.state).toBe('created');
    });

    it('asks to be called again when the order query fails, and grants on the retry', async () => {
      const buyer = newUser();
      const { orderId } = await paidWithWechat(buyer);
      wechat.failQueries(true);
      const answer = await callback(wechat.notice(orderId));
      expect(answer.errcode).not.toBe(0);
      expect((await stores.state.findOrder(orderId))?.state).toBe('created');
      wechat.failQueries(false);
      expect(await callback(wechat.notice(orderId))).toEqual({ errcode: 0, errmsg: '' });
      expect((await watch(buyer)).ok).toBe(true);
    });

    it('regrants after a crash between the two writes, never for another payment', async () => {
      const buyer = newUser();
      const { orderId, transactionId } = await paidWithWechat(buyer);
      // The order was marked paid, then the run ended before the right was written.
      expect(
        await stores.state.markOrderPaid(orderId, {
          transactionId,
          paidAt: '2026-11-25T04:00:00Z',
        }),
      ).toBe(true);
      expect((await watch(buyer)).ok).toBe(false);
      expect(await callback(wechat.notice(orderId))).toEqual({ errcode: 0, errmsg: '' });
      expect((await watch(buyer)).ok).toBe(true);

      const other = newUser();
      const second = await paidWithWechat(other);
      await stores.state.markOrderPaid(second.orderId, {
        transactionId: 'an-earlier-transaction',
        paidAt: '2026-11-25T04:00:00Z',
      });
      expect(await callback(wechat.notice(second.orderId))).toEqual({ errcode: 0, errmsg: '' });
      expect((await watch(other)).ok).toBe(false);
    });
  });

  describe('rights to a live', () => {
    it('opens the replay the live became, and a replay bought alone opens no live', async () => {
      const buyer = newUser();
      expect((await watch(buyer)).ok).toBe(false);
      const { orderId } = await paidWithWechat(buyer, 'live', LIVE_WITH_REPLAY);
      expect(await callback(wechat.notice(orderId))).toEqual({ errcode: 0, errmsg: '' });
      expect((await watch(buyer)).ok).toBe(true);
      expect(
        await data(local, { action: 'offer', kind: 'replay', id: HIGHLIGHTS }, as(buyer)),
      ).toMatchObject({ owned: true });
      expect(
        await failure(local, { action: 'order', kind: 'replay', id: HIGHLIGHTS }, as(buyer)),
      ).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('已经购买') });

      const replayOnly = newUser();
      await devPay(replayOnly, (await order(local, replayOnly, 'replay', HIGHLIGHTS)).orderId);
      expect(
        await data(local, { action: 'offer', kind: 'live', id: LIVE_WITH_REPLAY }, as(replayOnly)),
      ).toMatchObject({ owned: false });
    });

    it('opens a replay fetched from the live platform for the live’s buyers', async () => {
      const buyer = newUser();
      await devPay(buyer, (await order(local, buyer, 'live', KANDINSKY_LIVE)).orderId);
      // The highlights replay is not the Kandinsky live's until the platform says so.
      expect((await watch(buyer)).ok).toBe(false);
      await stores.state.saveReplaySource({
        _id: HIGHLIGHTS,
        liveId: KANDINSKY_LIVE,
        roomId: 101,
        entries: [
          {
            url: 'https://live.example.com/replay/101.m3u8',
            expiresAt: '2099-01-01T00:00:00Z',
            createdAt: '2027-05-15T09:00:00Z',
          },
        ],
        syncedAt: '2027-05-15T09:00:00Z',
      });
      expect((await watch(buyer)).ok).toBe(true);
      expect((await watch(newUser())).ok).toBe(false);
    });
  });
});
