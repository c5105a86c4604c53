import { createHmac, timingSafeEqual } from 'crypto';

/** Signed, expiring media links for the local host: HMAC-SHA256 over the path and the expiry. */
export interface LinkSigner {
  sign(path: string, now?: number): { url: string; expiresAt: number };
  verify(
    path: string,
    expires: unknown,
    signature: unknown,
    now?: number,
  ): 'ok' | 'expired' | 'invalid';
}

export function createLinkSigner(options: {
  secret: string;
  /** Base the signed path is appended to, e.g. http://127.0.0.1:3000/media */
  baseUrl: string;
  ttlSeconds: number;
}): LinkSigner {
  const digest = (path: string, expires: number) =>
    createHmac('sha256', options.secret).update(`${path}\n${expires}`).digest('hex');
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    sign(path, now = Date.now()) {
      const expiresAt = now + options.ttlSeconds * 1000;
      const query = `expires=${expiresAt}&sig=${digest(path, expiresAt)}`;
      return { url: `${base}/${path}?${query}`, expiresAt };
    },
    verify(path, expires, signature, now = Date.now()) {
      if (typeof expires !== 'string' || !/^\d{1,15}$/.test(expires)) return 'invalid';
      if (typeof signature !== 'string' || !/^[0-9a-f]{64}$/.test(signature)) return 'invalid';
      const expected = Buffer.from(digest(path, Number(expires)), 'hex');
      if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return 'invalid';
      return Number(expires) < now ? 'expired' : 'ok';
    },
  };
}
