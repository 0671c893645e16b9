// Vercel's Node.js helpers (req.query/cookies/body, res.status/json/send/redirect), reproduced
// from @vercel/node's serverless-functions/helpers so local behaviour matches production.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQS } from 'node:querystring';
import { PassThrough } from 'node:stream';
import type { VercelRequest, VercelResponse } from '@vercel/node';

/** Vercel's request body limit: 4.5 MB. */
export const BODY_LIMIT = 4.5 * 1024 * 1024;

/** What the `req.body` getter throws for a malformed JSON body (Vercel answers 400). */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export type BodyResult = { kind: 'ok'; body: Buffer } | { kind: 'too_large' } | { kind: 'aborted' };

/** Buffers the request body, refusing more than `limit` bytes (like Vercel, before the function runs). */
export function readBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = declared > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      if (size > limit * 16) req.destroy(); // don't swallow an endless upload
    });
    req.on('end', () => resolve(tooLarge ? { kind: 'too_large' } : { kind: 'ok', body: Buffer.concat(chunks) }));
    req.on('error', () => resolve({ kind: 'aborted' }));
    req.on('close', () => {
      if (!req.complete) resolve({ kind: 'aborted' });
    });
  });
}

function mediaType(contentType: string | undefined): string {
  if (!contentType) return 'text/plain';
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function parseBody(body: Buffer, contentType: string | undefined): unknown {
  const type = mediaType(contentType);
  if (type === 'application/json') {
    try {
      const text = body.toString();
      return text ? JSON.parse(text) : {};
    } catch {
      throw new ApiError(400, 'Invalid JSON');
    }
  }
  if (type === 'application/octet-stream') return body;
  if (type === 'application/x-www-form-urlencoded') return parseQS(body.toString());
  if (type === 'text/plain') return body.toString();
  return undefined;
}

function parseQuery(url: string | undefined): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  new URL(url ?? '/', 'http://localhost').searchParams.forEach((value, key) => {
    const existing = query[key];
    query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  });
  return query;
}

function parseCookies(header: string | string[] | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  const text = Array.isArray(header) ? header.join(';') : (header ?? '');
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in cookies) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      cookies[name] = value;
    }
  }
  return cookies;
}

/** A property computed on first read, then stored; assignable like Vercel's. */
function setLazyProp<T>(target: object, prop: string, getter: () => T): void {
  const opts = { configurable: true, enumerable: true };
  Object.defineProperty(target, prop, {
    ...opts,
    get: () => {
      const value = getter();
      Object.defineProperty(target, prop, { ...opts, writable: true, value });
      return value;
    },
    set: (value: unknown) => {
      Object.defineProperty(target, prop, { ...opts, writable: true, value });
    },
  });
}

/** Lets a handler still read the (already buffered) body as a stream. */
function restoreBody(req: IncomingMessage, body: Buffer): void {
  const replica = new PassThrough();
  const on = replica.on.bind(replica);
  const originalOn = req.on.bind(req);
  req.read = replica.read.bind(replica);
  req.on = req.addListener = ((name: string, listener: (...args: unknown[]) => void) =>
    name === 'data' || name === 'end' ? on(name, listener) : originalOn(name, listener)) as typeof req.on;
  replica.end(body);
}

function setCharset(type: string, charset: string): string {
  const [base = type, ...params] = type.split(';').map((p) => p.trim());
  const kept = params.filter((p) => p && !/^charset=/i.test(p));
  return [base, ...kept, `charset=${charset}`].join('; ');
}

// Same weak ETag as the `etag` package: length in hex and a SHA-1 prefix.
function weakEtag(chunk: Buffer | string, encoding?: BufferEncoding): string {
  const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding);
  if (buf.length === 0) return 'W/"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"';
  const hash = createHash('sha1').update(buf).digest('base64').substring(0, 27);
  return `W/"${buf.length.toString(16)}-${hash}"`;
}

function send(req: IncomingMessage, res: ServerResponse, body: unknown): ServerResponse {
  let chunk: unknown = body;
  let encoding: BufferEncoding | undefined;
  switch (typeof chunk) {
    case 'string':
      if (!res.getHeader('content-type')) res.setHeader('content-type', 'text/html');
      break;
    case 'boolean':
    case 'number':
    case 'object':
      if (chunk === null) chunk = '';
      else if (Buffer.isBuffer(chunk)) {
        if (!res.getHeader('content-type')) res.setHeader('content-type', 'application/octet-stream');
      } else return json(req, res, chunk);
      break;
  }
  if (typeof chunk === 'string') {
    encoding = 'utf8';
    const type = res.getHeader('content-type');
    if (typeof type === 'string') res.setHeader('content-type', setCharset(type, 'utf-8'));
  }
  let length: number | undefined;
  if (chunk !== undefined) {
    if (Buffer.isBuffer(chunk)) length = chunk.length;
    else if (typeof chunk === 'string') {
      const buf = Buffer.from(chunk, encoding);
      length = buf.length;
      chunk = buf;
      encoding = undefined;
    } else throw new Error('`body` is not a valid string, object, boolean, number, Stream, or Buffer');
    res.setHeader('content-length', length);
  }
  if (!res.getHeader('etag') && length !== undefined) res.setHeader('etag', weakEtag(chunk as Buffer));
  if (res.statusCode === 204 || res.statusCode === 304) {
    res.removeHeader('Content-Type');
    res.removeHeader('Content-Length');
    res.removeHeader('Transfer-Encoding');
    chunk = '';
  }
  if (req.method === 'HEAD') res.end();
  else res.end(chunk as Buffer | string);
  return res;
}

function json(req: IncomingMessage, res: ServerResponse, value: unknown): ServerResponse {
  const body = JSON.stringify(value);
  if (!res.getHeader('content-type')) res.setHeader('content-type', 'application/json; charset=utf-8');
  return send(req, res, body);
}

function redirect(res: ServerResponse, statusOrUrl: string | number, url?: string): ServerResponse {
  if (typeof statusOrUrl === 'string') {
    url = statusOrUrl;
    statusOrUrl = 307;
  }
  if (typeof statusOrUrl !== 'number' || typeof url !== 'string') {
    throw new Error(
      "Invalid redirect arguments. Please use a single argument URL, e.g. res.redirect('/destination') or use a status code and URL, e.g. res.redirect(307, '/destination').",
    );
  }
  res.writeHead(statusOrUrl, { Location: url }).end();
  return res;
}

/**
 * Turns node's req/res into Vercel's. `body` is the buffered raw body; like Vercel, a request
 * without a content-type gets an empty body. `params` (route segments) are merged into req.query.
 */
export function addVercelHelpers(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  params: Record<string, string | string[]>,
): { req: VercelRequest; res: VercelResponse } {
  const contentType = req.headers['content-type'];
  const raw = contentType === undefined ? Buffer.alloc(0) : body;
  restoreBody(req, raw);
  // The body is fully buffered, as on Vercel: the app can trust content-length.
  if (body.length > 0 || req.headers['content-length'] !== undefined) {
    req.headers['content-length'] = String(body.length);
    delete req.headers['transfer-encoding'];
  }
  setLazyProp(req, 'cookies', () => parseCookies(req.headers.cookie));
  setLazyProp(req, 'query', () => ({ ...parseQuery(req.url), ...params }));
  setLazyProp(req, 'body', () => parseBody(raw, contentType));
  const vres = res as VercelResponse;
  vres.status = (statusCode: number) => {
    res.statusCode = statusCode;
    return vres;
  };
  vres.redirect = ((statusOrUrl: string | number, url?: string) => redirect(res, statusOrUrl, url)) as VercelResponse['redirect'];
  vres.send = (value: unknown) => send(req, res, value) as VercelResponse;
  vres.json = (value: unknown) => json(req, res, value) as VercelResponse;
  return { req: req as VercelRequest, res: vres };
}
