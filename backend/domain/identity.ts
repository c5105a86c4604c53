/**
 * A WeChat OPENID as this backend accepts one: 1–64 characters of letters, digits, `_` and `-`
 * (WeChat's are 28). Anything else is treated as no identity at all.
 */
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

export function isOpenid(value: unknown): value is string {
  return typeof value === 'string' && OPENID.test(value);
}
