// Backend client settings and a helper shared by the service tests.
import { BackendError } from '../../../miniprogram/services/backend';

/** The local default: HTTP to the host DevTools reaches. */
export const LOCAL = { cloudEnv: '', localBaseUrl: 'http://127.0.0.1:3000/', timeoutMs: 10_000 };
/** A CloudBase environment: wx.cloud.callFunction. */
export const CLOUD = { ...LOCAL, cloudEnv: 'pompidou-test-1a2b' };

/** The BackendError a call rejects with (the test fails if it resolves or rejects otherwise). */
export async function caught(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BackendError) return error;
    throw error;
  }
  throw new Error('expected a BackendError');
}
