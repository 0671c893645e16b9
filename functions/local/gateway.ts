import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import type { VercelRequest, VercelResponse } from '@vercel/node';
import { matchRoute, scanRoutes, type ApiRoute } from './apiRoutes';
import { createRestProxy, type RestTarget } from './restProxy';
import { createStaticHandler } from './staticFiles';
import { addVercelHelpers, ApiError, BODY_LIMIT, readBody } from './vercelHelpers';

export interface GatewayOptions {
  apiDir: string;
  h5Dir: string;
  /** PostgREST behind /rest/v1 (absent in Supabase mode). */
  rest?: RestTarget;
}

type Handler = (req: VercelRequest, res: VercelResponse) => unknown;

const API_ERRORS = {
  notFound: { status: 404, code: 'not_found', message: '找不到这个接口' },
  tooLarge: { status: 413, code: 'payload_too_large', message: '提交的内容太大了，请减小后再试' },
  badJson: { status: 400, code: 'bad_request', message: '提交的内容格式不正确' },
  internal: { status: 500, code: 'internal', message: '服务器出了点问题，请稍后再试' },
  noRest: { status: 404, code: 'not_found', message: '本地数据服务未启用' },
} as const;

function sendError(res: ServerResponse, kind: keyof typeof API_ERRORS): void {
  const { status, code, message } = API_ERRORS[kind];
  if (res.headersSent) return void res.end();
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Imports each route module once; a failed import is retried on the next request. */
function createModuleLoader() {
  const cache = new Map<string, Promise<Handler>>();
  return (file: string): Promise<Handler> => {
    let loading = cache.get(file);
    if (!loading) {
      loading = import(pathToFileURL(file).href).then((mod: Record<string, unknown>) => {
        const candidate = mod.default;
        const handler =
          typeof candidate === 'function'
            ? candidate
            : typeof (candidate as Record<string, unknown> | undefined)?.default === 'function'
              ? (candidate as { default: unknown }).default // CommonJS module.exports = { default }
              : undefined;
        if (typeof handler !== 'function') throw new Error(`${file} has no default export function`);
        return handler as Handler;
      });
      loading.catch(() => cache.delete(file));
      cache.set(file, loading);
    }
    return loading;
  };
}

/**
 * One HTTP server like production: /api/** → the Vercel functions in apiDir, /rest/v1/** →
 * PostgREST (Supabase's gateway), everything else → the H5 build.
 */
export function createGateway(opts: GatewayOptions): Server {
  const loadHandler = createModuleLoader();
  const serveStatic = createStaticHandler(opts.h5Dir);
  const proxyRest = opts.rest ? createRestProxy(opts.rest) : undefined;
  let routes: ApiRoute[] = scanRoutes(opts.apiDir);
  let scannedAt = Date.now();

  // New route files appear while `npm start` runs: rescan on a miss, at most once a second.
  function findRoute(pathname: string) {
    const found = matchRoute(routes, pathname);
    if (found || Date.now() - scannedAt < 1000) return found;
    routes = scanRoutes(opts.apiDir);
    scannedAt = Date.now();
    return matchRoute(routes, pathname);
  }

  async function serveApi(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const body = await readBody(req, BODY_LIMIT);
    if (body.kind === 'aborted') return;
    if (body.kind === 'too_large') {
      res.setHeader('connection', 'close');
      return sendError(res, 'tooLarge');
    }
    const match = findRoute(pathname);
    if (!match) return sendError(res, 'notFound');
    const { req: vreq, res: vres } = addVercelHelpers(req, res, body.body, match.params);
    try {
      const handler = await loadHandler(match.route.file);
      await handler(vreq, vres);
    } catch (error) {
      if (error instanceof ApiError && error.statusCode === 400) return sendError(res, 'badJson');
      console.error(`[gateway] ${req.method} ${pathname} (${match.route.pattern}) failed:`, error);
      sendError(res, 'internal');
    }
  }

  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const { pathname } = url;
    const work = async () => {
      if (pathname === '/api' || pathname.startsWith('/api/')) return serveApi(req, res, pathname);
      if (pathname === '/rest/v1' || pathname.startsWith('/rest/v1/')) {
        return proxyRest ? proxyRest(req, res, url) : sendError(res, 'noRest');
      }
      serveStatic(req, res, pathname);
    };
    work().catch((error: unknown) => {
      console.error(`[gateway] ${req.method} ${pathname} failed:`, error);
      sendError(res, 'internal');
    });
  });
}
