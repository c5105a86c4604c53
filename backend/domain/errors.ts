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
