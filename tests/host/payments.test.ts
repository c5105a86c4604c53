// The development flow of a purchase over real HTTP, wired as `npm start` wires it: the caller is
// the X-WX-OPENID header, orders and rights land in the host's NeDB files, and the paid replay
// opens once the order is paid with devPay.
import { promises as fs } from 'fs';
import path from 'path';
import type { FastifyInstance } from 'fastify';
import { buildHost } from '../../backend/host/app';
import { localHostOptions, localSettings, localSigner } from '../../backend/host/local';
import type { PaymentOrder } from '../../miniprogram/types/api';
import { openSeededStore } from '../backend/fixture';
import { tempDir } from '../support/temp';

const HIGHLIGHTS = 'first-livestream-2020-highlights';

let app: FastifyInstance;
let base: string;
let stateDir: string;

beforeAll(async () => {
  const { storeDir } = await openSeededStore();
  const settings = localSettings({ PORT: '0' });
  stateDir = await tempDir('pompidou-host-payments-');
  app = await buildHost(
    await localHostOptions(
      storeDir,
      settings.publicUrl,
      localSigner(settings, 'payments-test-secret-0123'),
      undefined,
      undefined,
      path.join(stateDir, 'visitors.db'),
    ),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});

afterAll(() => app.close());

async function call(name: string, body: object, openid?: string) {
  const response = await fetch(`${base}/api/${name}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(openid === undefined ? {} : { 'x-wx-openid': openid }),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('POST /api/payments (development flow)', () => {
  it('orders, pays with devPay, and then replays get answers the paid replay', async () => {
    const watch = () => call('replays', { action: 'get', id: HIGHLIGHTS }, 'dev_buyer');
    expect(await watch()).toMatchObject({
      status: 403,
      body: {
        ok: false,
        error: { code: 'PERMISSION_DENIED', message: expect.stringContaining('购买（¥9.90）') },
      },
    });

    expect(
      await call('payments', { action: 'offer', kind: 'replay', id: HIGHLIGHTS }, 'dev_buyer'),
    ).toEqual({
      status: 200,
      body: {
        ok: true,
        data: {
          kind: 'replay',
          id: HIGHLIGHTS,
          title: '首场直播精华：三位大师四十分钟（付费示例）',
          price: 990,
          owned: false,
          development: true,
        },
      },
    });

    const ordered = await call(
      'payments',
      { action: 'order', kind: 'replay', id: HIGHLIGHTS },
      'dev_buyer',
    );
    expect(ordered).toMatchObject({
      status: 200,
      body: { ok: true, data: { price: 990, payment: null, development: true } },
    });
    const { orderId } = ordered.body.data as PaymentOrder;
    expect(await fs.readFile(path.join(stateDir, 'orders.db'), 'utf8')).toContain(orderId);

    // Without the header, or as someone else, the order cannot be paid.
    expect((await call('payments', { action: 'devPay', orderId })).status).toBe(403);
    expect(await call('payments', { action: 'devPay', orderId }, 'dev_other')).toMatchObject({
      status: 404,
      body: { ok: false, error: { code: 'NOT_FOUND' } },
    });
    expect((await watch()).status).toBe(403);

    expect(await call('payments', { action: 'devPay', orderId }, 'dev_buyer')).toEqual({
      status: 200,
      body: { ok: true, data: { granted: true } },
    });
    const opened = await watch();
    expect(opened).toMatchObject({ status: 200, body: { ok: true, data: { id: HIGHLIGHTS } } });
    const video = (opened.body.data as { video: { url: string } }).video;
    // The link names the configured address (port 0 here): its path and signature are what count.
    const link = new URL(video.url);
    const served = await fetch(`${base}${link.pathname}${link.search}`, {
      headers: { range: 'bytes=0-15' },
    });
    expect(served.status).toBe(206);

    expect(
      (await call('payments', { action: 'offer', kind: 'replay', id: HIGHLIGHTS }, 'dev_buyer'))
        .body,
    ).toMatchObject({ ok: true, data: { owned: true } });
    expect(
      await call('payments', { action: 'order', kind: 'replay', id: HIGHLIGHTS }, 'dev_buyer'),
    ).toMatchObject({ status: 400, body: { ok: false, error: { code: 'INVALID_ARGUMENT' } } });
    // Someone who bought nothing still cannot watch.
    expect((await call('replays', { action: 'get', id: HIGHLIGHTS }, 'dev_other')).status).toBe(
      403,
    );
  });

  it('answers 403 without X-WX-OPENID and 400 naming the field for a bad event', async () => {
    expect(
      await call('payments', { action: 'order', kind: 'replay', id: HIGHLIGHTS }),
    ).toMatchObject({ status: 403, body: { ok: false, error: { code: 'PERMISSION_DENIED' } } });
    expect(await call('payments', { action: 'offer', kind: 'replay' }, 'dev_buyer')).toEqual({
      status: 400,
      body: { ok: false, error: { code: 'INVALID_ARGUMENT', message: '缺少参数 id。' } },
    });
    expect(
      await call('payments', { action: 'offer', kind: 'replay', id: 'first-livestream-2020' }),
    ).toMatchObject({ status: 400, body: { ok: false, error: { code: 'INVALID_ARGUMENT' } } });
  });
});
