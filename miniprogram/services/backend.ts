import { config, type AppConfig } from '../config';
import type { Envelope, ErrorCode } from '../types/api';

/** What a visitor reads for each failure; the backend's own message stays in `detail`. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  INVALID_ARGUMENT: '请求的内容有误，请检查后再试',
  NOT_FOUND: '没有找到相关内容',
  PERMISSION_DENIED: '暂无权限查看这项内容',
  UNAVAILABLE: '网络不太稳定，请稍后重试',
  INTERNAL: '服务暂时出了点问题，请稍后重试',
};

export const TIMEOUT_MESSAGE = '网络连接超时，请检查网络后重试';

const ERROR_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[];

export class BackendError extends Error {
  readonly code: ErrorCode;
  /** The backend's sentence (names the offending field), for logs rather than for the visitor. */
  readonly detail: string;

  constructor(code: ErrorCode, message: string = ERROR_MESSAGES[code], detail = '') {
    super(message);
    this.name = 'BackendError';
    this.code = code;
    this.detail = detail;
  }
}

export function isBackendError(error: unknown): error is BackendError {
  return error instanceof BackendError;
}

/** The Chinese sentence to show for any thrown value. */
export function messageOf(error: unknown): string {
  return isBackendError(error) ? error.message : ERROR_MESSAGES.INTERNAL;
}

export interface BackendClient {
  callFunction<T>(name: string, event: object): Promise<T>;
}

type Transport = (name: string, event: object) => Promise<unknown>;

export function createBackendClient(options: AppConfig = config): BackendClient {
  const transport = options.cloudEnv ? cloudTransport(options) : httpTransport(options);
  return {
    async callFunction<T>(name: string, event: object): Promise<T> {
      const body = await transport(name, event);
      return unwrap<T>(body);
    },
  };
}

function unwrap<T>(body: unknown): T {
  if (!isEnvelope(body)) {
    throw new BackendError('INTERNAL', ERROR_MESSAGES.INTERNAL, '回复不是约定的信封格式');
  }
  if (body.ok) return body.data as T;
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

function cloudTransport(options: AppConfig): Transport {
  return (name, event) => {
    initCloud(options);
    const call = wx.cloud
      .callFunction({ name, data: event, config: { env: options.cloudEnv } })
      .then((answer) => answer.result)
      .catch((error: unknown) => {
        throw new BackendError('UNAVAILABLE', ERROR_MESSAGES.UNAVAILABLE, errorText(error));
      });
    return withTimeout(call, options.timeoutMs);
  };
}

function httpTransport(options: AppConfig): Transport {
  const base = options.localBaseUrl.replace(/\/+$/, '');
  return (name, event) =>
    new Promise((resolve, reject) => {
      wx.request({
        url: `${base}/api/${encodeURIComponent(name)}`,
        method: 'POST',
        header: { 'content-type': 'application/json' },
        data: event,
        dataType: 'json',
        timeout: options.timeoutMs,
        success: (answer) => {
          // Caller errors (4xx) still carry the envelope; a 5xx from a proxy may not.
          if (isEnvelope(answer.data)) resolve(answer.data);
          else if (answer.statusCode >= 500) reject(new BackendError('UNAVAILABLE'));
          else resolve(answer.data);
        },
        fail: (error) => {
          const timedOut = /timeout/i.test(error.errMsg);
          reject(
            new BackendError(
              'UNAVAILABLE',
              timedOut ? TIMEOUT_MESSAGE : ERROR_MESSAGES.UNAVAILABLE,
              error.errMsg,
            ),
          );
        },
      });
    });
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new BackendError('UNAVAILABLE', TIMEOUT_MESSAGE, `超过 ${timeoutMs} 毫秒`)),
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
  callFunction: <T>(name: string, event: object) =>
    createBackendClient(config).callFunction<T>(name, event),
};
