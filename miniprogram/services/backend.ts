import { config, type AppConfig } from '../config';
import type { ActionOf, AnswerOf, Envelope, ErrorCode, EventOf, FunctionName } from '../types/api';
import { readCache, writeCache } from './cache';

/** What a visitor reads for each failure; the backend's own message stays in `detail`. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  INVALID_ARGUMENT: '请求的内容有误，请检查后再试',
  NOT_FOUND: '没有找到相关内容',
  PERMISSION_DENIED: '暂无权限查看这项内容',
  UNAVAILABLE: '网络不太稳定，请稍后重试',
  INTERNAL: '服务暂时出了点问题，请稍后重试',
};

export const TIMEOUT_MESSAGE = '网络连接超时，请检查网络后重试';

/** Why a call failed before the backend could answer it: each one tells the visitor something else. */
export type FailureReason =
  'offline' | 'timeout' | 'unreachable' | 'missing-function' | 'missing-environment' | 'server';

export const OFFLINE_MESSAGE = '手机没有连上网络。连上 Wi-Fi 或打开移动数据后，再点「重新加载」';
export const SERVER_FAULT_MESSAGE = '导览服务出了故障（不是你的网络问题），请稍后再试';

export function unreachableMessage(options: AppConfig): string {
  return options.cloudEnv
    ? '暂时连不上云端导览服务，请稍后重试'
    : `连不上导览服务（${options.localBaseUrl}）。在手机上预览时，请在电脑上用 HOST=0.0.0.0 启动本地服务，并把 miniprogram/config.ts 的 localBaseUrl 改为电脑的局域网地址；正式使用请填写云开发环境 cloudEnv`;
}

export function missingFunctionMessage(name: string): string {
  return `导览服务还没有部署「${name}」云函数，请联系馆方工作人员`;
}

export function missingEnvironmentMessage(env: string): string {
  return `小程序配置的云开发环境（${env}）不存在，请管理员检查 miniprogram/config.ts 的 cloudEnv`;
}

const ERROR_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[];

export class BackendError extends Error {
  readonly code: ErrorCode;
  /** The backend's sentence (names the offending field), for logs rather than for the visitor. */
  readonly detail: string;
  /** Set when the call never reached a working backend. */
  readonly reason?: FailureReason;

  constructor(
    code: ErrorCode,
    message: string = ERROR_MESSAGES[code],
    detail = '',
    reason?: FailureReason,
  ) {
    super(message);
    this.name = 'BackendError';
    this.code = code;
    this.detail = detail;
    this.reason = reason;
  }
}

export function isBackendError(error: unknown): error is BackendError {
  return error instanceof BackendError;
}

/** The Chinese sentence to show for any thrown value. */
export function messageOf(error: unknown): string {
  return isBackendError(error) ? error.message : ERROR_MESSAGES.INTERNAL;
}

/** An event of function `N`; `{ action: A }` lets the compiler read the action off the literal. */
type CallEvent<N extends FunctionName, A extends ActionOf<N>> = { action: A } & EventOf<N, A>;

export interface BackendClient {
  /** The answer's type follows from the function and the event's `action` (types/api.ts). */
  callFunction<N extends FunctionName, A extends ActionOf<N>>(
    name: N,
    event: CallEvent<N, A>,
  ): Promise<AnswerOf<N, A>>;
}

type Transport = (name: string, event: object) => Promise<unknown>;

export function createBackendClient(options: AppConfig = config): BackendClient {
  const transport = options.cloudEnv ? cloudTransport(options) : httpTransport(options);
  return {
    async callFunction<N extends FunctionName, A extends ActionOf<N>>(
      name: N,
      event: CallEvent<N, A>,
    ) {
      return answerOf<N, A>(await transport(name, event));
    },
  };
}

/**
 * The one place where a body off the wire becomes a typed answer. Only the envelope is checked;
 * `data` is trusted to be the contract's answer, which the backend's handlers are typed against.
 */
function answerOf<N extends FunctionName, A extends ActionOf<N>>(body: unknown): AnswerOf<N, A> {
  if (!isEnvelope(body)) {
    throw new BackendError('INTERNAL', ERROR_MESSAGES.INTERNAL, '回复不是约定的信封格式');
  }
  if (body.ok) return body.data as AnswerOf<N, A>;
  const code = ERROR_CODES.includes(body.error.code) ? body.error.code : 'INTERNAL';
  throw new BackendError(code, ERROR_MESSAGES[code], body.error.message);
}

function isEnvelope(body: unknown): body is Envelope<unknown> {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as { ok?: unknown; error?: { code?: unknown } };
  if (candidate.ok === true) return 'data' in candidate;
  return candidate.ok === false && typeof candidate.error?.code === 'string';
}

let cloudReadyFor = '';

/** Idempotent; the app calls it at launch, the client again before its first cloud call. */
export function initCloud(options: AppConfig = config): void {
  if (!options.cloudEnv || cloudReadyFor === options.cloudEnv) return;
  wx.cloud.init({ env: options.cloudEnv, traceUser: true });
  cloudReadyFor = options.cloudEnv;
}

/** Tells "this phone has no network" from "the backend cannot be reached". */
function isOffline(): Promise<boolean> {
  return new Promise((resolve) => {
    wx.getNetworkType({
      success: (result) => resolve(result.networkType === 'none'),
      fail: () => resolve(false),
    });
  });
}

async function unreachable(options: AppConfig, detail: string): Promise<BackendError> {
  return (await isOffline())
    ? new BackendError('UNAVAILABLE', OFFLINE_MESSAGE, detail, 'offline')
    : new BackendError('UNAVAILABLE', unreachableMessage(options), detail, 'unreachable');
}

/** CloudBase's failures, as its SDK words them (errCode -501000 covers several). */
async function cloudFailure(
  options: AppConfig,
  name: string,
  error: unknown,
): Promise<BackendError> {
  const detail = errorText(error);
  if (/FunctionName|FUNCTION_NOT_FOUND/i.test(detail)) {
    return new BackendError(
      'UNAVAILABLE',
      missingFunctionMessage(name),
      detail,
      'missing-function',
    );
  }
  if (/Environment not found|INVALID_ENV|env not exist/i.test(detail)) {
    return new BackendError(
      'UNAVAILABLE',
      missingEnvironmentMessage(options.cloudEnv),
      detail,
      'missing-environment',
    );
  }
  if (/-404011|execution error|function service error/i.test(detail)) {
    return new BackendError('INTERNAL', SERVER_FAULT_MESSAGE, detail, 'server');
  }
  return unreachable(options, detail);
}

function cloudTransport(options: AppConfig): Transport {
  return (name, event) => {
    initCloud(options);
    const call = wx.cloud
      .callFunction({ name, data: event, config: { env: options.cloudEnv } })
      .then(
        (answer) => answer.result,
        async (error: unknown) => {
          throw await cloudFailure(options, name, error);
        },
      );
    return withTimeout(call, options.timeoutMs);
  };
}

const DEVELOPMENT_OPENID = 'development.openid';
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * For development only: the local host has no WeChat to vouch for the caller, so this device
 * names itself with an id made once and kept in storage, sent as X-WX-OPENID. On CloudBase the
 * caller is the OPENID WeChat attaches to the call, and this id is never sent.
 */
export function developmentOpenid(): string {
  const saved = readCache<unknown>(DEVELOPMENT_OPENID);
  if (typeof saved === 'string' && OPENID.test(saved)) return saved;
  let made = 'dev_';
  while (made.length < 28) made += Math.random().toString(36).slice(2);
  made = made.slice(0, 28);
  writeCache(DEVELOPMENT_OPENID, made);
  return made;
}

function httpTransport(options: AppConfig): Transport {
  const base = options.localBaseUrl.replace(/\/+$/, '');
  return (name, event) =>
    new Promise((resolve, reject) => {
      wx.request({
        url: `${base}/api/${encodeURIComponent(name)}`,
        method: 'POST',
        header: { 'content-type': 'application/json', 'X-WX-OPENID': developmentOpenid() },
        data: event,
        dataType: 'json',
        timeout: options.timeoutMs,
        success: (answer) => {
          // Caller errors (4xx) still carry the envelope; a proxy's or another server's may not.
          const detail = `HTTP ${answer.statusCode}`;
          const header = answer.header as Record<string, string | undefined>;
          const missing = header['X-Missing-Function'] ?? header['x-missing-function'];
          const envelope = isEnvelope(answer.data);
          if (answer.statusCode === 404 && (missing || !envelope)) {
            reject(
              new BackendError(
                'UNAVAILABLE',
                missingFunctionMessage(name),
                detail,
                'missing-function',
              ),
            );
          } else if (envelope) resolve(answer.data);
          else if (answer.statusCode >= 500) {
            reject(new BackendError('INTERNAL', SERVER_FAULT_MESSAGE, detail, 'server'));
          } else resolve(answer.data);
        },
        fail: (error) => {
          if (/timeout/i.test(error.errMsg)) {
            reject(new BackendError('UNAVAILABLE', TIMEOUT_MESSAGE, error.errMsg, 'timeout'));
          } else void unreachable(options, error.errMsg).then(reject);
        },
      });
    });
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new BackendError('UNAVAILABLE', TIMEOUT_MESSAGE, `超过 ${timeoutMs} 毫秒`, 'timeout'),
        ),
      timeoutMs,
    );
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function errorText(error: unknown): string {
  if (error && typeof error === 'object' && 'errMsg' in error) return String(error.errMsg);
  return error instanceof Error ? error.message : String(error);
}

/** The client the app uses, built from `config.ts`. */
export const backend: BackendClient = {
  callFunction: (name, event) => createBackendClient(config).callFunction(name, event),
};
