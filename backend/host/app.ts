import path from 'path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Envelope, ErrorCode } from '../../miniprogram/types/api';
import type { LinkSigner } from '../domain/signing';

export type FunctionMain = (event: unknown, context?: unknown) => Promise<Envelope<unknown>>;

export interface HostOptions {
  /** Cloud function handlers by name, the very ones CloudBase runs. */
  functions: Record<string, FunctionMain>;
  /** Folder served under /media/ (images, audio, video). */
  mediaDir: string;
  logger?: boolean;
  /** Largest accepted JSON body in bytes. */
  bodyLimit?: number;
  /** Media under this folder (e.g. `video/`) is served only on a valid, unexpired signed link. */
  signedMedia?: { prefix: string; signer: Pick<LinkSigner, 'verify'> };
}

const STATUS_BY_CODE: Record<ErrorCode, number> = {
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

function sendError(reply: FastifyReply, status: number, code: ErrorCode, message: string) {
  return reply.code(status).send({ ok: false, error: { code, message } });
}

/** The local host: the cloud functions over `POST /api/<name>`, plus the media with range requests. */
export async function buildHost(options: HostOptions): Promise<FastifyInstance> {
  const bodyLimit = options.bodyLimit ?? 64 * 1024;
  const app = Fastify({ logger: options.logger ?? false, bodyLimit });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(
        reply,
        413,
        'INVALID_ARGUMENT',
        `请求体过大：上限为 ${bodyLimit / 1024} KB。`,
      );
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendError(
        reply,
        415,
        'INVALID_ARGUMENT',
        '请求体必须是 JSON（Content-Type: application/json）。',
      );
    }
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError) {
      return sendError(reply, 400, 'INVALID_ARGUMENT', '请求体不是合法的 JSON。');
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, error.statusCode, 'INVALID_ARGUMENT', `请求无效：${error.message}`);
    }
    request.log.error(error);
    return sendError(reply, 500, 'INTERNAL', '服务内部错误，请稍后再试。');
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      404,
      'NOT_FOUND',
      `没有这个地址：${request.method} ${request.url.split('?')[0]}`,
    ),
  );

  app.get('/healthz', async () => ({
    ok: true,
    data: { status: 'ok', functions: Object.keys(options.functions) },
  }));

  app.post<{ Params: { name: string } }>('/api/:name', async (request, reply) => {
    const main = Object.prototype.hasOwnProperty.call(options.functions, request.params.name)
      ? options.functions[request.params.name]
      : undefined;
    if (!main) {
      // The header tells the mini program "no such function here" apart from "no such record".
      reply.header('X-Missing-Function', encodeURIComponent(request.params.name));
      return sendError(reply, 404, 'NOT_FOUND', `没有名为 ${request.params.name} 的云函数。`);
    }
    const envelope = await main(request.body ?? {}, { source: 'local-host' });
    return reply.code(envelope.ok ? 200 : STATUS_BY_CODE[envelope.error.code]).send(envelope);
  });

  const signed = options.signedMedia;
  const signedReplies = new WeakSet<FastifyReply>();
  if (signed) {
    const guarded = `/media/${signed.prefix}`;
    app.addHook('onRequest', async (request, reply) => {
      const [rawPath, rawQuery = ''] = request.url.split('?', 2);
      let decoded: string;
      try {
        decoded = path.posix.normalize(decodeURIComponent(rawPath));
      } catch {
        return sendError(reply, 403, 'PERMISSION_DENIED', '视频链接无效。');
      }
      // Decoded and normalised first, as the static route will read it: no spelling slips past.
      if (!decoded.startsWith(guarded)) return;
      const query = new URLSearchParams(rawQuery);
      const relative = decoded.slice('/media/'.length);
      const verdict = signed.signer.verify(relative, query.get('expires'), query.get('sig'));
      if (verdict === 'expired') {
        return sendError(reply, 403, 'PERMISSION_DENIED', '视频链接已过期，请重新打开回放。');
      }
      if (verdict !== 'ok') {
        return sendError(reply, 403, 'PERMISSION_DENIED', '视频链接无效或被改动过。');
      }
      signedReplies.add(reply);
    });
    // A signed link is for one visitor and a limited time: no shared cache may keep the file.
    app.addHook('onSend', async (_request, reply, payload) => {
      if (signedReplies.has(reply)) reply.header('Cache-Control', 'private, max-age=0');
      return payload;
    });
  }

  await app.register(fastifyStatic, {
    root: options.mediaDir,
    prefix: '/media/',
    acceptRanges: true,
    maxAge: '1d',
    setHeaders(res, filePath) {
      const extension = filePath.slice(filePath.lastIndexOf('.')).toLowerCase();
      const type = CONTENT_TYPES[extension];
      if (type) res.setHeader('Content-Type', type);
    },
  });

  return app;
}
