// The `HostHandler` the fake `wx.request` calls, answered by the real local host over HTTP: the
// mini program's requests reach the same handlers, store and error mapping as on DevTools.
import http from 'http';

export interface HostAnswer {
  statusCode: number;
  data: unknown;
}

export type HostHandler = (
  functionName: string,
  event: Record<string, unknown>,
) => Promise<HostAnswer>;

export interface Answered {
  functionName: string;
  event: Record<string, unknown>;
  data: unknown;
}

export interface HttpHost {
  handler: HostHandler;
  /** Every answer given so far, for the spec to read facts from (durations, chapters). */
  answers: Answered[];
  /** How many requests are on the wire: a real round trip outlasts simulate's settle(). */
  inFlight(): number;
}

export function httpHost(baseUrl: string): HttpHost {
  const answers: Answered[] = [];
  let pending = 0;
  const handler: HostHandler = (functionName, event) =>
    new Promise<HostAnswer>((resolve, reject) => {
      pending += 1;
      const body = JSON.stringify(event);
      const request = http.request(
        `${baseUrl}/api/${encodeURIComponent(functionName)}`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            // One visitor for the whole run, as the app's development openid would be.
            'X-WX-OPENID': 'dev_shots_visitor',
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            pending -= 1;
            const text = Buffer.concat(chunks).toString('utf8');
            let data: unknown = text;
            try {
              data = JSON.parse(text);
            } catch {
              // A body that is not JSON reaches the page as text, as wx.request gives it.
            }
            answers.push({ functionName, event, data });
            resolve({ statusCode: response.statusCode ?? 0, data });
          });
        },
      );
      // wx.request reports a refused connection with an errMsg, not a Node error code.
      request.on('error', (error: NodeJS.ErrnoException) => {
        pending -= 1;
        const reason =
          error.code === 'ECONNREFUSED' ? 'net::ERR_CONNECTION_REFUSED' : error.message;
        reject(new Error(`request:fail ${reason}`));
      });
      request.end(body);
    });
  return { handler, answers, inFlight: () => pending };
}
