// WeChat's server-side HTTP API as the tooling scripts call it: a stable access token, then JSON
// posts. Every failure is a WechatApiError whose message is a whole sentence naming errcode/errmsg;
// the AppSecret never appears in one.

export const DEFAULT_WX_API_BASE = 'https://api.weixin.qq.com';

export class WechatApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WechatApiError';
  }
}

export interface WechatCredentials {
  appId: string;
  appSecret: string;
  /** DEFAULT_WX_API_BASE, or a stand-in's address in tests; no trailing slash. */
  apiBase: string;
}

/** What WeChat answers when it refuses (and, with errcode 0 or none, when it does not). */
export interface WechatAnswer {
  errcode?: number;
  errmsg?: string;
}

/** WX_API_BASE checked: an http(s) address, trailing slashes dropped; the real API when unset. */
export function wechatApiBase(raw: string | undefined): string {
  const value = raw?.trim() || DEFAULT_WX_API_BASE;
  const protocol = URL.canParse(value) ? new URL(value).protocol : '';
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new WechatApiError(
      `WX_API_BASE must be an http(s) address such as ${DEFAULT_WX_API_BASE}; "${value}" is not.`,
    );
  }
  return value.replace(/\/+$/, '');
}

/**
 * The stable access token (cgi-bin/stable_token): WeChat answers the same token until it nears
 * expiry, so asking once per run is cheap and never invalidates a token another tool holds.
 */
export async function stableAccessToken(credentials: WechatCredentials): Promise<string> {
  const response = await postJson(
    `${credentials.apiBase}/cgi-bin/stable_token`,
    {
      grant_type: 'client_credential',
      appid: credentials.appId,
      secret: credentials.appSecret,
    },
    'the access token',
  );
  const body = (await readJson(response, 'the access token')) as WechatAnswer & {
    access_token?: string;
  };
  if (typeof body.access_token === 'string' && body.access_token) return body.access_token;
  throw new WechatApiError(
    `WeChat refused the access token (stable_token): ${describeWechatAnswer(body)}.`,
  );
}

/** POSTs JSON to an API path with the token; answers WeChat's JSON, errcode included. */
export async function callWechatApi(
  apiBase: string,
  token: string,
  apiPath: string,
  body: object,
  what: string,
): Promise<WechatAnswer & Record<string, unknown>> {
  const url = `${apiBase}${apiPath}?access_token=${encodeURIComponent(token)}`;
  const answer = await readJson(await postJson(url, body, what), what);
  if (!answer || typeof answer !== 'object' || Array.isArray(answer)) {
    throw new WechatApiError(`WeChat's answer for ${what} is not a JSON object.`);
  }
  return answer as WechatAnswer & Record<string, unknown>;
}

export async function postJson(url: string, body: object, what: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
  } catch (error) {
    const host = new URL(url).origin;
    const { cause } = error as { cause?: { code?: string; message?: string } };
    const reason = cause?.code ?? cause?.message;
    throw new WechatApiError(
      `Could not reach ${host} for ${what}: ${(error as Error).message}${reason ? ` (${reason})` : ''}.`,
    );
  }
  if (!response.ok) {
    throw new WechatApiError(`WeChat answered HTTP ${response.status} for ${what}.`);
  }
  return response;
}

export async function readJson(response: Response, what: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new WechatApiError(`WeChat's answer for ${what} is not JSON: ${text.slice(0, 120)}`);
  }
}

export function describeWechatAnswer(body: WechatAnswer): string {
  return `errcode ${body.errcode ?? '(none)'}, errmsg "${body.errmsg ?? ''}"`;
}
