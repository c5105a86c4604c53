import type { Envelope, ErrorCode } from '../../miniprogram/types/api';

/** An error the caller can be told about: its code and Chinese message go straight into the envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const invalidArgument = (message: string) => new AppError('INVALID_ARGUMENT', message);
export const notFound = (message: string) => new AppError('NOT_FOUND', message);
export const permissionDenied = (message: string) => new AppError('PERMISSION_DENIED', message);
/** A service this backend depends on (WeChat Pay, storage) did not answer as it should. */
export const unavailable = (message: string) => new AppError('UNAVAILABLE', message);

export function ok<T>(data: T): Envelope<T> {
  return { ok: true, data };
}

/** Turns anything thrown into an envelope; only our own faults become INTERNAL. */
export function toErrorEnvelope(error: unknown): Envelope<never> {
  if (error instanceof AppError) {
    return { ok: false, error: { code: error.code, message: error.message } };
  }
  return { ok: false, error: { code: 'INTERNAL', message: '服务内部错误，请稍后再试。' } };
}

/**
 * A cloud function's `main` around its handler: the answer in the envelope, never a throw; faults
 * of our own are reported to `logError` and reach the caller only as INTERNAL.
 */
export function envelopeMain<T>(
  handle: (event: unknown, context: unknown) => Promise<T>,
  logError?: (error: unknown) => void,
): (event: unknown, context?: unknown) => Promise<Envelope<T>> {
  return async (event, context) => {
    try {
      return ok(await handle(event, context));
    } catch (error) {
      const envelope = toErrorEnvelope(error);
      if (!envelope.ok && envelope.error.code === 'INTERNAL') logError?.(error);
      return envelope;
    }
  };
}
