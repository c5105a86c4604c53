// Faults the real host does not make on its own: a slow network, a server that is down, an answer
// a proxy mangled. Everything else comes from the real host (support/real-host.ts).
import type { ErrorCode } from '../../../miniprogram/types/api';
import type { HostAnswer, HostHandler } from './fake-wx';

/** The local host's HTTP status for each error code (backend/host/app.ts). */
const STATUS: Record<ErrorCode, number> = {
  INVALID_ARGUMENT: 400,
  NOT_FOUND: 404,
  PERMISSION_DENIED: 403,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** An error envelope, as a function that is down or misconfigured answers it. */
export function failure(code: ErrorCode, message: string): HostAnswer {
  return { statusCode: STATUS[code], data: { ok: false, error: { code, message } } };
}

/** A host that never answers: the request times out on the client's side. */
export const silentHost: HostHandler = () => new Promise<HostAnswer>(() => undefined);

export interface HeldHost {
  host: HostHandler;
  /** Requests asked and not yet answered. */
  readonly waiting: number;
  /** Lets every held answer through, in the order asked. */
  release(): void;
}

/**
 * A slow network in front of `host`: the answers to the requests `held` picks (all, by default)
 * are computed by `host` but delivered only on `release()`.
 */
export function holdAnswers(
  host: HostHandler,
  held: (functionName: string, event: Record<string, unknown>) => boolean = () => true,
): HeldHost {
  const queue: Array<() => void> = [];
  return {
    host: (functionName, event) => {
      if (!held(functionName, event)) return host(functionName, event);
      const answer = Promise.resolve(host(functionName, event));
      return new Promise<HostAnswer>((resolve) => queue.push(() => resolve(answer)));
    },
    get waiting() {
      return queue.length;
    },
    release() {
      for (const deliver of queue.splice(0)) deliver();
    },
  };
}
