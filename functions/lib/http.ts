/** The wrapper every route goes through: method dispatch, input parsing, the error shape, request ids and logging. */
import { randomUUID } from 'node:crypto';
import type { VercelRequest, VercelResponse } from '@vercel/node';
import type { z } from 'zod';
import { fieldErrors } from '@jz/shared';
import { ApiError, badRequest } from './errors';
import { logError, logRequest } from './log';

export const MAX_BODY_BYTES = 64 * 1024;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Reply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Sent as it is instead of `body` as JSON (images, CSV); set Content-Type in `headers`. */
  raw?: Buffer | string;
}

export interface RequestContext {
  requestId: string;
}

export type Handler = (req: VercelRequest, ctx: RequestContext) => Promise<Reply>;

export const ok = (body: unknown, headers?: Record<string, string>): Reply => ({ status: 200, body, headers });
export const created = (body: unknown): Reply => ({ status: 201, body });
/** A file-like answer (PNG, SVG, CSV): `contentType` plus any extra headers such as Content-Disposition. */
export const file = (raw: Buffer | string, contentType: string, headers: Record<string, string> = {}): Reply => ({
  status: 200,
  body: undefined,
  raw,
  headers: { 'Content-Type': contentType, ...headers },
});

function requestIdOf(req: VercelRequest): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
}

function sendError(res: VercelResponse, error: ApiError, requestId: string): void {
  for (const [k, v] of Object.entries(error.headers ?? {})) res.setHeader(k, v);
  res.status(error.status).json({
    error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}), requestId },
  });
}

/** Builds a Vercel function from one handler per method. */
export function route(handlers: Partial<Record<Method, Handler>>, name: string) {
  return async function vercelHandler(req: VercelRequest, res: VercelResponse): Promise<void> {
    const started = performance.now();
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    let status = 500;
    let code: string | undefined;
    try {
      const handler = handlers[(req.method ?? 'GET') as Method];
      if (!handler) {
        res.setHeader('Allow', Object.keys(handlers).join(', '));
        throw new ApiError(405, 'method_not_allowed', '不支持这种请求方式');
      }
      const reply = await handler(req, { requestId });
      status = reply.status ?? 200;
      for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
      if (!res.getHeader('Cache-Control')) res.setHeader('Cache-Control', 'no-store');
      if (reply.raw !== undefined) res.status(status).send(reply.raw);
      else res.status(status).json(reply.body);
    } catch (error) {
      const apiError = toApiError(error);
      if (!apiError) {
        logError(requestId, name, error);
        sendError(res, new ApiError(500, 'internal', '服务器出了点问题，请稍后再试'), requestId);
        status = 500;
        code = 'internal';
      } else {
        sendError(res, apiError, requestId);
        status = apiError.status;
        code = apiError.code;
      }
    } finally {
      logRequest({ requestId, method: req.method ?? 'GET', route: name, status, durationMs: Math.round(performance.now() - started), code });
    }
  };
}

/** Client mistakes the platform reports as thrown errors (Vercel's body parser throws with statusCode 400). */
function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error && typeof error === 'object' && 'statusCode' in error && (error as { statusCode: unknown }).statusCode === 400) {
    return badRequest('提交的内容不是有效的 JSON', undefined, 'invalid_json');
  }
  return undefined;
}

/** Reads and validates a JSON body; refuses oversize, non-JSON and malformed bodies with a 4xx. */
export function parseBody<S extends z.ZodType>(req: VercelRequest, schema: S): z.infer<S> {
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > MAX_BODY_BYTES) throw new ApiError(413, 'payload_too_large', '提交的内容太大了（不能超过 64 KB）');
  const type = String(req.headers['content-type'] ?? '');
  if (length > 0 && !type.includes('application/json')) {
    throw new ApiError(415, 'unsupported_media_type', '请以 JSON 格式提交');
  }
  let body: unknown;
  try {
    body = req.body;
  } catch (error) {
    throw toApiError(error) ?? error;
  }
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw badRequest('填写的内容有误，请检查标出的项目', fieldErrors(parsed.error));
  return parsed.data;
}

/** Validates the query string (route params included, as Vercel merges them). */
export function parseQuery<S extends z.ZodType>(req: VercelRequest, schema: S): z.infer<S> {
  const parsed = schema.safeParse(req.query ?? {});
  if (!parsed.success) throw badRequest('查询条件有误', fieldErrors(parsed.error));
  return parsed.data;
}

export interface RawBodyOptions {
  /** This route's own limit; the JSON limit (MAX_BODY_BYTES) stays for every other route. */
  maxBytes: number;
  /** Media types accepted, e.g. ['text/csv', 'text/plain']. */
  mediaTypes: readonly string[];
  /** 413 message naming the limit, in Chinese. */
  tooLargeMessage: string;
  /** 415 message, in Chinese. */
  wrongTypeMessage: string;
}

/**
 * Reads a non-JSON body (e.g. a CSV upload) as bytes, with an explicit per-route size limit and
 * media types. The platform has buffered the body already and replays it as a stream (Vercel and
 * the local gateway alike), so reading it here never waits on the network.
 */
export function readRawBody(req: VercelRequest, options: RawBodyOptions): Promise<Buffer> {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (!options.mediaTypes.includes(type)) return Promise.reject(new ApiError(415, 'unsupported_media_type', options.wrongTypeMessage));
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > options.maxBytes) return Promise.reject(new ApiError(413, 'payload_too_large', options.tooLargeMessage));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer | string) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buf.length;
      if (size <= options.maxBytes) chunks.push(buf);
    });
    req.on('end', () => {
      if (size > options.maxBytes) reject(new ApiError(413, 'payload_too_large', options.tooLargeMessage));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}
