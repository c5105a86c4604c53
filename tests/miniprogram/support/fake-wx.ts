// The only fake in these tests: the WeChat platform boundary (`wx`). Everything above it — services,
// stores, pages, Vant components, templates compiled by the official compiler — is the real code.
// The backend is reached only through `wx.request` / `wx.cloud.callFunction`, answered here by a
// handler the test installs, exactly as the local host or CloudBase would answer. Media is recorded,
// not played: a video's context and the background audio manager note what the pages ask of them.

export interface HostAnswer {
  statusCode: number;
  data: unknown;
}

export type HostHandler = (
  functionName: string,
  event: Record<string, unknown>,
) => HostAnswer | Promise<HostAnswer>;

export interface SentRequest {
  url: string;
  method?: string;
  functionName: string;
  event: Record<string, unknown>;
  timeout?: number;
}

/**
 * Fakes a `<video>`'s VideoContext (wx.createVideoContext): records what the page asks of the video.
 * One per video id, as the runtime's contexts all drive the same element.
 */
export interface FakeVideoContext {
  id: string;
  seek: jest.Mock;
  play: jest.Mock;
  pause: jest.Mock;
  stop: jest.Mock;
}

/**
 * Fakes wx.getBackgroundAudioManager(): the app-wide audio player. `paused` is what the runtime
 * reports; a test sets it to false to say that audio is playing.
 */
export interface FakeBackgroundAudio {
  paused: boolean;
  src: string;
  title: string;
  play: jest.Mock;
  pause: jest.Mock;
  stop: jest.Mock;
}

export interface FakeWx {
  /** Answers wx.request POST …/api/<function> (and wx.cloud.callFunction, as `result`). */
  host: HostHandler;
  /** When set, wx.request fails like a dropped connection with this errMsg. */
  networkError: string | null;
  requests: SentRequest[];
  storage: Map<string, unknown>;
  /** The VideoContexts pages created, by video id. */
  videos: Map<string, FakeVideoContext>;
  backgroundAudio: FakeBackgroundAudio;
  api: {
    request: jest.Mock;
    navigateTo: jest.Mock;
    previewImage: jest.Mock;
    stopPullDownRefresh: jest.Mock;
    setNavigationBarTitle: jest.Mock;
    showToast: jest.Mock;
    vibrateShort: jest.Mock;
    getStorageSync: jest.Mock;
    setStorageSync: jest.Mock;
    removeStorageSync: jest.Mock;
    createVideoContext: jest.Mock;
    getBackgroundAudioManager: jest.Mock;
    cloud: { init: jest.Mock; callFunction: jest.Mock };
  };
  /** The VideoContext of a video id (created on first use, like the page's own call would). */
  video(id: string): FakeVideoContext;
  reset(): void;
}

const notConfigured: HostHandler = (name) => ({
  statusCode: 500,
  data: { ok: false, error: { code: 'INTERNAL', message: `测试没有为 ${name} 准备回答` } },
});

function functionNameOf(url: string): string {
  const match = /\/api\/([^/?#]+)/.exec(url);
  return match ? decodeURIComponent(match[1]) : '';
}

function createFakeWx(): FakeWx {
  const fake = {
    host: notConfigured,
    networkError: null as string | null,
    requests: [] as SentRequest[],
    storage: new Map<string, unknown>(),
    videos: new Map<string, FakeVideoContext>(),
  } as FakeWx;

  const video = (id: string): FakeVideoContext => {
    let context = fake.videos.get(id);
    if (!context) {
      context = { id, seek: jest.fn(), play: jest.fn(), pause: jest.fn(), stop: jest.fn() };
      fake.videos.set(id, context);
    }
    return context;
  };

  const backgroundAudio: FakeBackgroundAudio = {
    paused: true,
    src: '',
    title: '',
    play: jest.fn(() => {
      backgroundAudio.paused = false;
    }),
    pause: jest.fn(() => {
      backgroundAudio.paused = true;
    }),
    stop: jest.fn(() => {
      backgroundAudio.paused = true;
    }),
  };
  fake.backgroundAudio = backgroundAudio;
  fake.video = video;

  const request = jest.fn((options: WechatMiniprogram.RequestOption) => {
    const functionName = functionNameOf(options.url);
    const event = (options.data ?? {}) as Record<string, unknown>;
    fake.requests.push({
      url: options.url,
      method: options.method,
      functionName,
      event,
      timeout: options.timeout,
    });
    const networkError = fake.networkError;
    Promise.resolve()
      .then(() => {
        if (networkError) throw new Error(networkError);
        return fake.host(functionName, event);
      })
      .then(
        (answer) => {
          options.success?.({
            statusCode: answer.statusCode,
            data: answer.data as WechatMiniprogram.IAnyObject,
            header: {},
            cookies: [],
            errMsg: 'request:ok',
          } as unknown as WechatMiniprogram.RequestSuccessCallbackResult);
        },
        (error: Error) => {
          options.fail?.({
            errMsg: error.message,
            errno: 600001,
          } as WechatMiniprogram.RequestFailCallbackErr);
        },
      );
    return { abort: jest.fn() };
  });

  const callFunction = jest.fn(
    async (options: { name: string; data?: Record<string, unknown> }) => {
      const event = options.data ?? {};
      fake.requests.push({ url: `cloud://${options.name}`, functionName: options.name, event });
      if (fake.networkError) throw { errMsg: fake.networkError, errCode: -1 };
      const answer = await fake.host(options.name, event);
      return { result: answer.data, errMsg: 'cloud.callFunction:ok', requestID: 'test' };
    },
  );

  fake.api = {
    request,
    navigateTo: jest.fn((options: { success?: () => void }) => options?.success?.()),
    previewImage: jest.fn(),
    stopPullDownRefresh: jest.fn(),
    setNavigationBarTitle: jest.fn(),
    showToast: jest.fn(),
    vibrateShort: jest.fn(),
    getStorageSync: jest.fn((key: string) => (fake.storage.has(key) ? fake.storage.get(key) : '')),
    setStorageSync: jest.fn((key: string, value: unknown) => {
      // Storage keeps a JSON copy, not the live object.
      fake.storage.set(key, JSON.parse(JSON.stringify(value)));
    }),
    removeStorageSync: jest.fn((key: string) => fake.storage.delete(key)),
    createVideoContext: jest.fn((id: string) => video(id)),
    getBackgroundAudioManager: jest.fn(() => backgroundAudio),
    cloud: { init: jest.fn(), callFunction },
  };

  fake.reset = () => {
    fake.host = notConfigured;
    fake.networkError = null;
    fake.requests = [];
    fake.storage.clear();
    fake.videos.clear();
    Object.assign(backgroundAudio, { paused: true, src: '', title: '' });
    backgroundAudio.play.mockClear();
    backgroundAudio.pause.mockClear();
    backgroundAudio.stop.mockClear();
    for (const mock of Object.values(fake.api)) {
      if (typeof mock === 'function') mock.mockClear();
    }
    fake.api.cloud.init.mockClear();
    fake.api.cloud.callFunction.mockClear();
  };

  return fake;
}

declare global {
  var fakeWx: FakeWx;
}

/** Installs the fake once per test file; miniprogram-simulate merges its own `wx` under it. */
export function installFakeWx(): FakeWx {
  const fake = createFakeWx();
  globalThis.fakeWx = fake;
  (globalThis as unknown as { wx: unknown }).wx = { ...fake.api };
  return fake;
}

/** The fake of the current test file (shared across jest.resetModules()). */
export function fakeWx(): FakeWx {
  return globalThis.fakeWx;
}
