// What the visitor reads when no backend answers: no network, an address that cannot be reached,
// a cloud function that was never deployed, a wrong environment, a fault of the server. Fakes, at
// the platform boundary: wx.request, wx.cloud.callFunction and wx.getNetworkType, each answering
// as the platform does in that situation.
import {
  BackendError,
  createBackendClient,
  OFFLINE_MESSAGE,
  SERVER_FAULT_MESSAGE,
  TIMEOUT_MESSAGE,
} from '../../../miniprogram/services/backend';

const local = { cloudEnv: '', localBaseUrl: 'http://127.0.0.1:3000', timeoutMs: 10_000 };
const cloud = { ...local, cloudEnv: 'pompidou-test-1a2b' };

type RequestOptions = WechatMiniprogram.RequestOption;

function network(type: string): void {
  Object.assign(wx, {
    getNetworkType: jest.fn((options: { success: (result: { networkType: string }) => void }) =>
      options.success({ networkType: type }),
    ),
  });
}

function requestFails(errMsg: string): void {
  Object.assign(wx, {
    request: jest.fn((options: RequestOptions) =>
      options.fail?.({ errMsg, errno: 600001 } as never),
    ),
  });
}

function requestAnswers(statusCode: number, data: unknown, header: object = {}): void {
  Object.assign(wx, {
    request: jest.fn((options: RequestOptions) =>
      options.success?.({
        statusCode,
        data,
        header,
        cookies: [],
        errMsg: 'request:ok',
      } as never),
    ),
  });
}

function cloudFails(errMsg: string): void {
  Object.assign(wx, {
    cloud: { init: jest.fn(), callFunction: jest.fn(async () => Promise.reject({ errMsg })) },
  });
}

async function failureOf(options: typeof local): Promise<BackendError> {
  const error: unknown = await createBackendClient(options)
    .callFunction('artworks', { action: 'list' })
    .then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
  if (!(error instanceof BackendError))
    throw new Error(`expected a BackendError, got ${String(error)}`);
  return error;
}

describe('when the local host cannot be reached', () => {
  it('says the phone has no network when it has none', async () => {
    network('none');
    requestFails('request:fail ');
    const error = await failureOf(local);
    expect(error.reason).toBe('offline');
    expect(error.message).toBe(OFFLINE_MESSAGE);
  });

  it('names the address it tried and what to configure when the phone is online', async () => {
    network('wifi');
    requestFails('request:fail errcode:-102 cronet_error_code:-102');
    const error = await failureOf(local);
    expect(error.reason).toBe('unreachable');
    expect(error.message).toContain('http://127.0.0.1:3000');
    expect(error.message).toContain('HOST=0.0.0.0');
    expect(error.message).toContain('localBaseUrl');
  });

  it('tells a time-out apart', async () => {
    network('4g');
    requestFails('request:fail timeout');
    const error = await failureOf(local);
    expect(error.reason).toBe('timeout');
    expect(error.message).toBe(TIMEOUT_MESSAGE);
  });

  it('reads a 404 without the envelope as a function that is not served there', async () => {
    requestAnswers(404, '<html>Not Found</html>');
    const error = await failureOf(local);
    expect(error.reason).toBe('missing-function');
    expect(error.message).toContain('artworks');
  });

  it("reads the host's answer for a function it does not serve as a missing function, not a missing work", async () => {
    requestAnswers(
      404,
      { ok: false, error: { code: 'NOT_FOUND', message: '没有名为 artworks 的云函数。' } },
      { 'X-Missing-Function': 'artworks' },
    );
    const error = await failureOf(local);
    expect(error.reason).toBe('missing-function');
    expect(error.message).toContain('「artworks」');
  });

  it('reads a 502 from a proxy as a fault of the server, not of the network', async () => {
    requestAnswers(502, 'Bad Gateway');
    const error = await failureOf(local);
    expect(error.reason).toBe('server');
    expect(error.message).toBe(SERVER_FAULT_MESSAGE);
  });
});

describe('when the cloud function cannot be called', () => {
  it('says which function was never deployed', async () => {
    cloudFails(
      'cloud.callFunction:fail Error: errCode: -501000  | errMsg: FunctionName parameter could not be found.',
    );
    const error = await failureOf(cloud);
    expect(error.reason).toBe('missing-function');
    expect(error.message).toContain('「artworks」');
  });

  it('names the environment id that does not exist', async () => {
    cloudFails('cloud.callFunction:fail Error: errCode: -501000  | errMsg: Environment not found');
    const error = await failureOf(cloud);
    expect(error.reason).toBe('missing-environment');
    expect(error.message).toContain('pompidou-test-1a2b');
  });

  it('reads a crashed function as a server fault', async () => {
    cloudFails('errCode: -404011 cloud function execution error | errMsg: cloud.callFunction:fail');
    const error = await failureOf(cloud);
    expect(error.reason).toBe('server');
    expect(error.message).toBe(SERVER_FAULT_MESSAGE);
  });

  it('says the phone is offline when the call fails with no network', async () => {
    network('none');
    cloudFails('cloud.callFunction:fail request:fail');
    const error = await failureOf(cloud);
    expect(error.reason).toBe('offline');
    expect(error.message).toBe(OFFLINE_MESSAGE);
  });
});
