import { promises as fs } from 'fs';
import path from 'path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Envelope, ErrorCode } from '../../miniprogram/types/api';
import { AppError } from '../domain/errors';
import { isOpenid } from '../domain/identity';
import { fixedWindowLimiter } from '../domain/rate-limit';
import type { LinkSigner } from '../domain/signing';

export type FunctionMain = (event: unknown, context?: unknown) => Promise<Envelope<unknown>>;

/**
 * The context the host passes as main's second argument. `openid` is the X-WX-OPENID request
 * header when it is a well-formed one (development only: on CloudBase, WeChat vouches for it).
 */
export interface LocalHostContext {
  source: 'local-host';
  openid?: string;
}

export function hostContext(header: string | string[] | undefined): LocalHostContext {
  return isOpenid(header) ? { source: 'local-host', openid: header } : { source: 'local-host' };
}

/**
 * The caller's OPENID from a context the local host made, if it had one (hostContext admitted only
 * a well-formed one, and the visitors function checks what it is given in any case).
 */
export function openidOfHostContext(context: unknown): string | undefined {
  const openid = (context as Partial<LocalHostContext> | undefined)?.openid;
  return typeof openid === 'string' ? openid : undefined;
}

export interface HostOptions {
  /** Cloud function handlers by name, the very ones CloudBase runs. */
  functions: Record<string, FunctionMain>;
  /** Folder served under /media/ (images, audio, video). */
  mediaDir: string;
  /**
   * Whether a published record refers to this media path (relative to mediaDir, e.g.
   * `images/x.jpg`). Nothing else in the folder is served: unpublished means unpublished.
   */
  publishedMedia: (relativePath: string) => boolean;
  /**
   * Files made from the store rather than read from mediaDir (an offline pack's data file): the
   * bytes for this path, or null when it names none.
   */
  generatedMedia?: (relativePath: string) => Promise<{ body: Buffer; type: string } | null>;
  logger?: boolean;
  /** Largest accepted JSON body in bytes. */
  bodyLimit?: number;
  /** Media under this folder (e.g. `video/`) is served only on a valid, unexpired signed link. */
  signedMedia?: { prefix: string; signer: Pick<LinkSigner, 'verify'> };
  /**
   * Calls one client may make to a function per window, by function name; past it the host
   * answers 429 UNAVAILABLE with Retry-After. A client is its X-WX-OPENID, or its address.
   */
  rateLimits?: Record<string, { max: number; windowSeconds: number }>;
}

/**
 * The status each code is answered with (PRODUCT.md): 400/403/404 for the caller's errors, 5xx for
 * the host's own. The one exception is a media range past the end of a file, which HTTP clients
 * must see as 416 (RFC 9110, 15.5.17) to stop seeking; it carries INVALID_ARGUMENT.
 */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  INVALID_ARGUMENT: 400,
  NOT_FOUND: 404,
  PERMISSION_DENIED: 403,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

const CONTENT_TYPES: Record<string, string> = {
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.vtt': 'text/vtt; charset=utf-8',
};

const MEDIA_PREFIX = '/media/';

function sendError(reply: FastifyReply, code: ErrorCode, message: string, status?: number) {
  return reply
    .code(status ?? STATUS_BY_CODE[code])
    .type('application/json; charset=utf-8')
    .send({ ok: false, error: { code, message } });
}

/** The Chinese sentence and code for an error raised by the framework or a plugin, not by us. */
function describeFrameworkError(
  error: FastifyError,
  bodyLimit: number,
): { code: ErrorCode; message: string; status?: number } | null {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return { code: 'INVALID_ARGUMENT', message: '地址中的百分号编码（%xx）无效。' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        code: 'INVALID_ARGUMENT',
        message: `请求体过大：上限为 ${Math.floor(bodyLimit / 1024)} KB。`,
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        code: 'INVALID_ARGUMENT',
        message: '请求体必须是 JSON（Content-Type: application/json）。',
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'INVALID_ARGUMENT', message: '请求体不是合法的 JSON。' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'INVALID_ARGUMENT', message: '请求头 Content-Length 与请求体长度不符。' };
  }
  if (error.statusCode === 416) {
    return {
      code: 'INVALID_ARGUMENT',
      message: '请求头 Range 的字节范围超出了文件长度。',
      status: 416,
    };
  }
  if (error.statusCode === 404) return { code: 'NOT_FOUND', message: '没有这个媒体文件。' };
  if (error.statusCode === 403) {
    return { code: 'PERMISSION_DENIED', message: '不允许读取这个地址。' };
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { code: 'INVALID_ARGUMENT', message: '请求无效：请检查地址、请求头和请求体。' };
  }
  return null;
}

/**
 * JSON.parse, refusing keys that only serve to reach an object's prototype. (JSON.parse itself makes
 * them plain properties; refusing them keeps any later merge safe and tells the caller why.)
 */
function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return {};
  let forbidden: string | undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, function (key: string, value: unknown) {
      if (key === '__proto__') forbidden ??= '__proto__';
      if (
        key === 'constructor' &&
        typeof value === 'object' &&
        value !== null &&
        Object.prototype.hasOwnProperty.call(value, 'prototype')
      ) {
        forbidden ??= 'constructor.prototype';
      }
      return value;
    });
  } catch {
    throw new AppError('INVALID_ARGUMENT', '请求体不是合法的 JSON。');
  }
  if (forbidden) {
    throw new AppError('INVALID_ARGUMENT', `请求体不能包含键 ${forbidden}。`);
  }
  return parsed;
}

/**
 * RFC 9110, 14.1.2: a suffix range longer than the file means the whole file. The send library
 * answers 416 instead, so such parts are rewritten as `0-` before it reads the header.
 */
export function widenSuffixRanges(range: string, size: number): string {
  const match = /^\s*bytes\s*=(.*)$/i.exec(range);
  if (!match?.[1]) return range;
  const parts = match[1].split(',').map((part) => {
    const suffix = /^\s*-\s*(\d+)\s*$/.exec(part);
    return suffix?.[1] && Number(suffix[1]) >= size && size > 0 ? '0-' : part.trim();
  });
  return `bytes=${parts.join(',')}`;
}

/** The local host: the cloud functions over `POST /api/<name>`, plus the media with range requests. */
export async function buildHost(options: HostOptions): Promise<FastifyInstance> {
  const bodyLimit = options.bodyLimit ?? 64 * 1024;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit,
    // Errors raised before routing (a bad %-encoding in the URL) get the envelope too. Fastify
    // expects nothing back from this hook; send() writes the answer synchronously.
    frameworkErrors(error, _request, reply) {
      const described = describeFrameworkError(error, bodyLimit) ?? {
        code: 'INTERNAL' as const,
        message: '服务内部错误，请稍后再试。',
        status: undefined,
      };
      void sendError(reply, described.code, described.message, described.status);
    },
  });

  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(String(body)));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendError(reply, error.code, error.message);
    const described = describeFrameworkError(error, bodyLimit);
    if (described) return sendError(reply, described.code, described.message, described.status);
    request.log.error(error);
    return sendError(reply, 'INTERNAL', '服务内部错误，请稍后再试。');
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 'NOT_FOUND', `没有这个地址：${request.method} ${request.url.split('?')[0]}`),
  );

  app.get('/healthz', async () => ({
    ok: true,
    data: { status: 'ok', functions: Object.keys(options.functions) },
  }));

  const limiters = new Map(
    Object.entries(options.rateLimits ?? {}).map(([name, limit]) => [
      name,
      fixedWindowLimiter(limit),
    ]),
  );

  app.post<{ Params: { name: string } }>('/api/:name', async (request, reply) => {
    const main = Object.prototype.hasOwnProperty.call(options.functions, request.params.name)
      ? options.functions[request.params.name]
      : undefined;
    if (!main) {
      // The header tells the mini program "no such function here" apart from "no such record".
      reply.header('X-Missing-Function', encodeURIComponent(request.params.name));
      return sendError(reply, 'NOT_FOUND', `没有名为 ${request.params.name} 的云函数。`);
    }
    const context = hostContext(request.headers['x-wx-openid']);
    const client = context.openid ? `openid:${context.openid}` : `ip:${request.ip}`;
    const wait = limiters.get(request.params.name)?.(client) ?? 0;
    if (wait > 0) {
      reply.header('Retry-After', String(wait));
      return sendError(reply, 'UNAVAILABLE', `请求过于频繁：请在 ${wait} 秒后再试。`, 429);
    }
    const envelope = await main(request.body ?? {}, context);
    return reply.code(envelope.ok ? 200 : STATUS_BY_CODE[envelope.error.code]).send(envelope);
  });

  const signed = options.signedMedia;
  const signedReplies = new WeakSet<FastifyReply>();
  app.addHook('onRequest', async (request, reply) => {
    const [rawPath = '', rawQuery = ''] = request.url.split('?', 2);
    if (!rawPath.startsWith(MEDIA_PREFIX)) return;
    let decoded: string;
    try {
      decoded = path.posix.normalize(decodeURIComponent(rawPath));
    } catch {
      return sendError(reply, 'INVALID_ARGUMENT', '媒体地址中的百分号编码（%xx）无效。');
    }
    // Decoded and normalised first, as the static route will read it: no spelling slips past.
    const relative = decoded.startsWith(MEDIA_PREFIX) ? decoded.slice(MEDIA_PREFIX.length) : '';
    const made = relative && options.generatedMedia ? await options.generatedMedia(relative) : null;
    if (made) {
      // Named after its own SHA-256: a given name always holds the same bytes.
      return reply
        .code(200)
        .header('Content-Type', made.type)
        .header('Cache-Control', 'public, max-age=31536000, immutable')
        .send(made.body);
    }
    if (!relative || relative.includes('\0') || !options.publishedMedia(relative)) {
      return sendError(reply, 'NOT_FOUND', '没有这个媒体文件。');
    }
    if (signed && relative.startsWith(signed.prefix)) {
      const query = new URLSearchParams(rawQuery);
      const verdict = signed.signer.verify(relative, query.get('expires'), query.get('sig'));
      if (verdict === 'expired') {
        return sendError(reply, 'PERMISSION_DENIED', '视频链接已过期，请重新打开回放。');
      }
      if (verdict !== 'ok') {
        return sendError(reply, 'PERMISSION_DENIED', '视频链接无效或被改动过。');
      }
      signedReplies.add(reply);
    }
    const range = request.headers.range;
    if (typeof range === 'string' && range.includes('-')) {
      const size = await fs
        .stat(path.join(options.mediaDir, relative))
        .then((stat) => stat.size)
        .catch(() => 0);
      request.headers.range = widenSuffixRanges(range, size);
    }
  });
  // A signed link is for one visitor and a limited time: no shared cache may keep the file.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (signedReplies.has(reply)) reply.header('Cache-Control', 'private, max-age=0');
    return payload;
  });

  await app.register(fastifyStatic, {
    root: options.mediaDir,
    prefix: MEDIA_PREFIX,
    acceptRanges: true,
    maxAge: '1d',
    // A folder is never listed or redirected to: only files that records name are served.
    index: false,
    redirect: false,
    setHeaders(res, filePath) {
      const extension = filePath.slice(filePath.lastIndexOf('.')).toLowerCase();
      const type = CONTENT_TYPES[extension];
      if (type) res.setHeader('Content-Type', type);
    },
  });

  return app;
}
