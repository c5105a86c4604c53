// The only fake in these tests: the WeChat platform boundary (`wx`). Everything above it — services,
// stores, pages, Vant components, templates compiled by the official compiler — is the real code.
// The backend is reached only through `wx.request` / `wx.cloud.callFunction`, answered by `host`:
// the real local host over content/ (support/real-host.ts, installed by setup.ts), or a handler a
// test installs to inject a fault (support/fake-host.ts). Media is recorded, not played: a video's
// context and the background audio manager note what the pages ask of them. Local files and downloads
// are an in-memory file system and the host's own bytes.
import nodeHttp from 'http';
import { TextDecoder as NodeTextDecoder } from 'util';

export interface HostAnswer {
  statusCode: number;
  data: unknown;
}

export type HostHandler = (
  functionName: string,
  event: Record<string, unknown>,
  /** The request's headers (wx.request only). */
  header?: Record<string, unknown>,
) => HostAnswer | Promise<HostAnswer>;

export interface SentRequest {
  url: string;
  method?: string;
  functionName: string;
  event: Record<string, unknown>;
  timeout?: number;
  /** What the host answered, once it has. */
  answer?: HostAnswer;
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

export type AudioEventName =
  | 'canplay'
  | 'play'
  | 'pause'
  | 'stop'
  | 'ended'
  | 'waiting'
  | 'timeUpdate'
  | 'error'
  | 'seeking'
  | 'seeked'
  | 'next'
  | 'prev';

/**
 * Fakes the platform's audio players: wx.getBackgroundAudioManager() (one, app-wide) and
 * wx.createInnerAudioContext(). Nothing is played; the fake keeps what the app set (`src`,
 * `title`, `epname`, `singer`, `coverImgUrl`, `referrerPath`, `startTime`, `playbackRate`) and
 * emits the platform's events in the orders seen on devices:
 * - setting `src` (or `play()` after a stop) loads: `waiting`, then `canplay`, `play`, unless a
 *   test holds loading (`holdLoading`) or makes it fail (`failNextLoad`: `waiting`, `error`);
 * - `play()`/`pause()`/`stop()`/`seek()` answer with `play`/`pause`/`stop`/`seeking`+`seeked`;
 * - `advance()` is the passing of time: `timeUpdate` every 250 ms of wall time (media time moves
 *   by 0.25 s × `playbackRate`), then `ended` at the end;
 * - the helpers `stall()`, `recover()`, `fail()`, `systemPause()`, `systemStop()`, `next()` and
 *   `prev()` are what the network, the lock screen and the system do on their own.
 * Method-triggered events arrive on a later microtask, as the runtime's callbacks do.
 */
export interface FakeAudio {
  paused: boolean;
  src: string;
  title: string;
  epname: string;
  singer: string;
  coverImgUrl: string;
  webUrl: string;
  /** The mini program page the system card leads back to (base library 3.4.8+, Android). */
  referrerPath: string;
  startTime: number;
  playbackRate: number;
  autoplay: boolean;
  currentTime: number;
  duration: number;
  /** Length of every track "loaded" (seconds); the platform learns it at `canplay`. */
  trackDuration: number;
  /** Every `src` set, in order. */
  sources: string[];
  holdLoading: boolean;
  failNextLoad: number | null;
  play: jest.Mock;
  pause: jest.Mock;
  stop: jest.Mock;
  seek: jest.Mock;
  destroy: jest.Mock;
  /** Emits one event now (with `errCode` for `error`). */
  emit(name: AudioEventName, errCode?: number): void;
  /** Finishes a held load: `canplay`, then `play`. */
  finishLoading(): void;
  /** Plays on for `seconds` of wall time: `timeUpdate` every 250 ms, `ended` at the end. */
  advance(seconds: number, onTick?: () => void | Promise<void>): Promise<void>;
  stall(): void;
  recover(): void;
  fail(errCode: number): void;
  /** The lock screen's or control centre's pause. */
  systemPause(): void;
  /** The system player's card closed by the visitor. */
  systemStop(): void;
  next(): void;
  prev(): void;
  reset(): void;
}

export interface FakeWx {
  /** Answers wx.request POST …/api/<function> (and wx.cloud.callFunction, as `result`). */
  host: HostHandler;
  /** When set, wx.request fails like a dropped connection with this errMsg. */
  networkError: string | null;
  /** What wx.getNetworkType answers: 'none' when the phone has no network at all. */
  networkType: string;
  requests: SentRequest[];
  storage: Map<string, unknown>;
  /** The VideoContexts pages created, by video id. */
  videos: Map<string, FakeVideoContext>;
  backgroundAudio: FakeAudio;
  /** Set by useFakeClock(): Date.now() moves only as the fake's time passes. */
  clockFrozen: boolean;
  /** The inner audio contexts the app created, in order. */
  innerAudios: FakeAudio[];
  /**
   * The phone's local files (wx.getFileSystemManager), in memory, by path under
   * `wx.env.USER_DATA_PATH` (`wxfile://usr`). Folders are implied by the paths.
   */
  files: Map<string, Uint8Array>;
  /** URLs wx.downloadFile was asked for, in order. */
  downloads: string[];
  /**
   * What a download delivers: by default the bytes the real host serves at the URL's path. A test
   * returns other bytes (a corrupted copy), or an Error to fail it as a dropped connection does.
   */
  downloadHook: ((url: string, body: Uint8Array) => Uint8Array | Error) | null;
  /** Announces an audio interruption (a call) as the system does: the event, then the pause. */
  interruptionBegin(): void;
  interruptionEnd(): void;
  api: {
    request: jest.Mock;
    navigateTo: jest.Mock;
    redirectTo: jest.Mock;
    navigateBack: jest.Mock;
    showShareMenu: jest.Mock;
    getNetworkType: jest.Mock;
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
    createInnerAudioContext: jest.Mock;
    onAudioInterruptionBegin: jest.Mock;
    onAudioInterruptionEnd: jest.Mock;
    offAudioInterruptionBegin: jest.Mock;
    offAudioInterruptionEnd: jest.Mock;
    showModal: jest.Mock;
    switchTab: jest.Mock;
    requestSubscribeMessage: jest.Mock;
    onNetworkStatusChange: jest.Mock;
    openSetting: jest.Mock;
    getChannelsLiveInfo: jest.Mock;
    openChannelsLive: jest.Mock;
    setClipboardData: jest.Mock;
    requestPayment: jest.Mock;
    getFileSystemManager: jest.Mock;
    downloadFile: jest.Mock;
    env: { USER_DATA_PATH: string };
    cloud: { init: jest.Mock; callFunction: jest.Mock };
  };
  /** The VideoContext of a video id (created on first use, like the page's own call would). */
  video(id: string): FakeVideoContext;
  reset(): void;
}

export const USER_DATA_PATH = 'wxfile://usr';

/**
 * Bytes the real local host serves at a URL's path: through the test environment's bridge (GET,
 * in Node's realm), or over loopback HTTP where the host listens on a port (the screenshots).
 */
async function fetchMedia(url: string): Promise<{ statusCode: number; body: Uint8Array }> {
  const bridge = (
    globalThis as {
      realHostBridge?: { media(path: string): Promise<{ statusCode: number; base64: string }> };
    }
  ).realHostBridge;
  if (!bridge) return fetchOverHttp(url);
  const answer = await bridge.media(new URL(url).pathname);
  const text = atob(answer.base64);
  const body = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index += 1) body[index] = text.charCodeAt(index);
  return { statusCode: answer.statusCode, body };
}

function fetchOverHttp(url: string): Promise<{ statusCode: number; body: Uint8Array }> {
  return new Promise((resolve, reject) => {
    nodeHttp
      .get(url, (response) => {
        const chunks: Uint8Array[] = [];
        response.on('data', (chunk: Uint8Array) => chunks.push(chunk));
        response.on('end', () => {
          const length = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
          const body = new Uint8Array(length);
          let offset = 0;
          for (const chunk of chunks) {
            body.set(chunk, offset);
            offset += chunk.length;
          }
          resolve({ statusCode: response.statusCode ?? 0, body });
        });
      })
      .on('error', reject);
  });
}

/** The part of WeChat's FileSystemManager the app uses, over an in-memory map of files. */
function createFakeFileSystem(files: Map<string, Uint8Array>) {
  const under = (folder: string) =>
    [...files.keys()].filter((path) => path.startsWith(`${folder}/`));
  const stats = (size: number, file: boolean) => ({
    size,
    isFile: () => file,
    isDirectory: () => !file,
  });
  const missing = (path: string) => new Error(`fail no such file or directory ${path}`);
  return {
    statSync(path: string, recursive = false) {
      const file = files.get(path);
      if (file) return stats(file.length, true);
      const inside = under(path);
      if (inside.length === 0 && path !== USER_DATA_PATH) throw missing(path);
      if (!recursive) return stats(0, false);
      return inside.map((item) => ({
        path: item,
        stats: stats(files.get(item)?.length ?? 0, true),
      }));
    },
    readFileSync(path: string, encoding?: string) {
      const file = files.get(path);
      if (!file) throw missing(path);
      if (encoding === 'utf8') return new NodeTextDecoder().decode(file);
      return file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
    },
    renameSync(from: string, to: string) {
      const file = files.get(from);
      if (!file) throw missing(from);
      files.delete(from);
      files.set(to, file);
    },
    unlinkSync(path: string) {
      if (!files.delete(path)) throw missing(path);
    },
    rmdirSync(path: string) {
      for (const item of under(path)) files.delete(item);
    },
    mkdirSync() {
      // Folders are implied by the files' paths.
    },
    readdirSync(path: string) {
      return [
        ...new Set(under(path).map((item) => item.slice(path.length + 1).split('/')[0] ?? '')),
      ];
    },
  };
}

const notConfigured: HostHandler = (name) => ({
  statusCode: 500,
  data: { ok: false, error: { code: 'INTERNAL', message: `测试没有为 ${name} 准备回答` } },
});

function functionNameOf(url: string): string {
  const name = /\/api\/([^/?#]+)/.exec(url)?.[1];
  return name === undefined ? '' : decodeURIComponent(name);
}

function createFakeWx(): FakeWx {
  const fake = {
    host: notConfigured,
    networkError: null as string | null,
    networkType: 'wifi',
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

  /** Moves Date.now() when a test froze the clock (useFakeClock), so throttles see time pass. */
  const passTime = (ms: number) => {
    if (fake.clockFrozen) jest.setSystemTime(Date.now() + ms);
  };
  fake.clockFrozen = false;
  const backgroundAudio = createFakeAudio({ keepsCallbacks: false, passTime });
  const interruptions = { begin: new Set<() => void>(), end: new Set<() => void>() };
  fake.innerAudios = [];
  fake.interruptionBegin = () => {
    for (const listener of [...interruptions.begin]) listener();
    const players = [backgroundAudio, ...fake.innerAudios].filter((audio) => !audio.paused);
    for (const audio of players) {
      audio.paused = true;
      audio.emit('pause');
    }
  };
  fake.interruptionEnd = () => {
    for (const listener of [...interruptions.end]) listener();
  };
  fake.backgroundAudio = backgroundAudio;
  fake.video = video;
  fake.files = new Map();
  fake.downloads = [];
  fake.downloadHook = null;
  const fileSystem = createFakeFileSystem(fake.files);

  const request = jest.fn((options: WechatMiniprogram.RequestOption) => {
    const functionName = functionNameOf(options.url);
    const event = (options.data ?? {}) as Record<string, unknown>;
    const sent: SentRequest = {
      url: options.url,
      method: options.method,
      functionName,
      event,
      timeout: options.timeout,
    };
    fake.requests.push(sent);
    const networkError = fake.networkError;
    Promise.resolve()
      .then(() => {
        if (networkError) throw new Error(networkError);
        return fake.host(functionName, event, options.header as Record<string, unknown>);
      })
      .then(
        (answer) => {
          sent.answer = answer;
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
      const sent: SentRequest = {
        url: `cloud://${options.name}`,
        functionName: options.name,
        event,
      };
      fake.requests.push(sent);
      if (fake.networkError) throw { errMsg: fake.networkError, errCode: -1 };
      const answer = await fake.host(options.name, event);
      sent.answer = answer;
      return { result: answer.data, errMsg: 'cloud.callFunction:ok', requestID: 'test' };
    },
  );

  fake.api = {
    request,
    navigateTo: jest.fn((options: { success?: () => void }) => options?.success?.()),
    redirectTo: jest.fn((options: { success?: () => void }) => options?.success?.()),
    navigateBack: jest.fn((options?: { success?: () => void }) => options?.success?.()),
    showShareMenu: jest.fn(),
    getNetworkType: jest.fn((options: { success?: (result: { networkType: string }) => void }) =>
      options?.success?.({ networkType: fake.networkType }),
    ),
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
    createInnerAudioContext: jest.fn(() => {
      const audio = createFakeAudio({ keepsCallbacks: true, passTime });
      fake.innerAudios.push(audio);
      return audio;
    }),
    onAudioInterruptionBegin: jest.fn((listener: () => void) => interruptions.begin.add(listener)),
    onAudioInterruptionEnd: jest.fn((listener: () => void) => interruptions.end.add(listener)),
    offAudioInterruptionBegin: jest.fn((listener: () => void) =>
      interruptions.begin.delete(listener),
    ),
    offAudioInterruptionEnd: jest.fn((listener: () => void) => interruptions.end.delete(listener)),
    /** The visitor confirms, unless a test answers otherwise. */
    showModal: jest.fn((options: { success?: (result: { confirm: boolean }) => void }) =>
      options?.success?.({ confirm: true }),
    ),
    switchTab: jest.fn(),
    // Live tours (tests answer otherwise where they need to): the visitor allows the reminder;
    // Channels answers the live's feed and opens it; the clipboard takes the text; payment succeeds.
    requestSubscribeMessage: jest.fn(
      (options: { tmplIds: string[]; success?: (result: Record<string, string>) => void }) =>
        options.success?.({
          errMsg: 'requestSubscribeMessage:ok',
          ...Object.fromEntries(options.tmplIds.map((id) => [id, 'accept'])),
        }),
    ),
    openSetting: jest.fn(),
    onNetworkStatusChange: jest.fn(),
    getChannelsLiveInfo: jest.fn(
      (options: { success?: (result: { feedId: string; nonceId: string }) => void }) =>
        options.success?.({ feedId: 'feed-test', nonceId: 'nonce-test' }),
    ),
    openChannelsLive: jest.fn((options: { success?: () => void }) => options.success?.()),
    setClipboardData: jest.fn((options: { success?: () => void }) => options.success?.()),
    requestPayment: jest.fn((options: { success?: () => void }) => options.success?.()),
    cloud: { init: jest.fn(), callFunction },
    getFileSystemManager: jest.fn(() => fileSystem),
    downloadFile: jest.fn((options: WechatMiniprogram.DownloadFileOption) => {
      fake.downloads.push(options.url);
      const progress = new Set<(update: { totalBytesWritten: number }) => void>();
      let aborted = false;
      void fetchMedia(options.url).then(
        ({ statusCode, body }) => {
          if (aborted) return;
          const delivered = fake.downloadHook ? fake.downloadHook(options.url, body) : body;
          if (delivered instanceof Error) {
            options.fail?.({ errMsg: `downloadFile:fail ${delivered.message}` } as never);
            return;
          }
          for (const listener of progress) {
            listener({ totalBytesWritten: Math.floor(delivered.length / 2) });
            listener({ totalBytesWritten: delivered.length });
          }
          if (options.filePath && statusCode === 200) fake.files.set(options.filePath, delivered);
          options.success?.({ statusCode, filePath: options.filePath, tempFilePath: '' } as never);
        },
        (error: Error) => options.fail?.({ errMsg: `downloadFile:fail ${error.message}` } as never),
      );
      return {
        onProgressUpdate: (listener: (update: { totalBytesWritten: number }) => void) =>
          progress.add(listener),
        abort: () => {
          aborted = true;
          options.fail?.({ errMsg: 'downloadFile:fail abort' } as never);
        },
      };
    }),
    env: { USER_DATA_PATH },
  };

  fake.reset = () => {
    fake.host = notConfigured;
    fake.networkError = null;
    fake.networkType = 'wifi';
    fake.requests = [];
    fake.storage.clear();
    fake.videos.clear();
    backgroundAudio.reset();
    fake.clockFrozen = false;
    fake.innerAudios = [];
    fake.files.clear();
    fake.downloads = [];
    fake.downloadHook = null;
    interruptions.begin.clear();
    interruptions.end.clear();
    for (const mock of Object.values(fake.api)) {
      if (typeof mock === 'function') mock.mockClear();
    }
    fake.api.cloud.init.mockClear();
    fake.api.cloud.callFunction.mockClear();
  };

  return fake;
}

/** The platform calls each event's latest callback (background manager) or all of them (inner). */
function createFakeAudio(options: {
  keepsCallbacks: boolean;
  passTime: (ms: number) => void;
}): FakeAudio {
  const passTime = options.passTime;
  const callbacks = new Map<AudioEventName, Array<(result?: unknown) => void>>();
  const later = (fn: () => void) => void Promise.resolve().then(fn);
  const initial = {
    paused: true,
    src: '',
    title: '',
    epname: '',
    singer: '',
    coverImgUrl: '',
    webUrl: '',
    referrerPath: '',
    startTime: 0,
    playbackRate: 1,
    autoplay: false,
    currentTime: 0,
    duration: 0,
    trackDuration: 200,
    holdLoading: false,
    failNextLoad: null as number | null,
  };
  let src = '';
  /** A stop releases the track: the next play() loads it again. */
  let released = true;

  const audio = {
    ...initial,
    sources: [] as string[],
    emit(name: AudioEventName, errCode?: number) {
      const result =
        name === 'error' ? { errCode, errMsg: `audio error ${String(errCode)}` } : undefined;
      for (const callback of [...(callbacks.get(name) ?? [])]) callback(result);
    },
    finishLoading() {
      audio.duration = audio.trackDuration;
      audio.emit('canplay');
      audio.paused = false;
      audio.emit('play');
    },
    async advance(seconds: number, onTick?: () => void | Promise<void>) {
      const ticks = Math.round(seconds * 4);
      for (let tick = 0; tick < ticks; tick += 1) {
        if (audio.paused) return;
        passTime(250);
        audio.currentTime = Math.min(
          audio.duration,
          audio.currentTime + 0.25 * (audio.playbackRate || 1),
        );
        audio.emit('timeUpdate');
        if (onTick) await onTick();
        if (audio.currentTime >= audio.duration) {
          audio.paused = true;
          audio.currentTime = 0;
          audio.emit('ended');
          return;
        }
      }
    },
    stall() {
      audio.emit('waiting');
    },
    recover() {
      audio.emit('canplay');
    },
    fail(errCode: number) {
      audio.paused = true;
      audio.emit('error', errCode);
    },
    systemPause() {
      audio.paused = true;
      audio.emit('pause');
    },
    systemStop() {
      audio.paused = true;
      released = true;
      audio.emit('stop');
    },
    next() {
      audio.emit('next');
    },
    prev() {
      audio.emit('prev');
    },
    play: jest.fn(() => {
      if (released && src) return load();
      later(() => {
        audio.paused = false;
        audio.emit('play');
      });
    }),
    pause: jest.fn(() => {
      later(() => {
        audio.paused = true;
        audio.emit('pause');
      });
    }),
    stop: jest.fn(() => {
      later(() => {
        audio.paused = true;
        released = true;
        audio.emit('stop');
      });
    }),
    seek: jest.fn((position: number) => {
      later(() => {
        audio.emit('seeking');
        audio.currentTime = position;
        audio.emit('seeked');
      });
    }),
    destroy: jest.fn(),
    reset() {
      Object.assign(audio, initial);
      src = '';
      released = true;
      audio.sources = [];
      callbacks.clear();
      for (const mock of [audio.play, audio.pause, audio.stop, audio.seek, audio.destroy]) {
        mock.mockClear();
      }
    },
  } as FakeAudio;

  /** What a new `src` starts: the platform loads it and plays from `startTime`. */
  function load(): void {
    released = false;
    const failure = audio.failNextLoad;
    audio.failNextLoad = null;
    later(() => {
      audio.currentTime = audio.startTime;
      audio.emit('waiting');
      if (failure !== null) audio.fail(failure);
      else if (!audio.holdLoading) audio.finishLoading();
    });
  }

  Object.defineProperty(audio, 'src', {
    get: () => src,
    set: (value: string) => {
      src = value;
      audio.sources.push(value);
      // The background manager plays as soon as it has a source; an inner context if autoplay.
      if (value && (!options.keepsCallbacks || audio.autoplay)) load();
    },
  });

  const events: AudioEventName[] = [
    'canplay',
    'play',
    'pause',
    'stop',
    'ended',
    'waiting',
    'timeUpdate',
    'error',
    'seeking',
    'seeked',
    'next',
    'prev',
  ];
  for (const name of events) {
    const method = `on${name.charAt(0).toUpperCase()}${name.slice(1)}`;
    (audio as unknown as Record<string, unknown>)[method] = (callback: () => void) => {
      const list = options.keepsCallbacks ? (callbacks.get(name) ?? []) : [];
      callbacks.set(name, [...list, callback]);
    };
  }
  return audio;
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

/**
 * Freezes Date.now() (and only Date: timers, promises and simulate's sleeps run as usual), so that
 * `advance()` moves the clock 250 ms per timeUpdate as the platform's playback would. Pair with
 * jest.useRealTimers() after the test.
 */
export function useFakeClock(now?: number): void {
  jest.useFakeTimers({
    ...(now === undefined ? {} : { now }),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  globalThis.fakeWx.clockFrozen = true;
}

/** The fake of the current test file (shared across jest.resetModules()). */
export function fakeWx(): FakeWx {
  return globalThis.fakeWx;
}
