import { Agent, request, type IncomingMessage, type ServerResponse } from 'node:http';

export interface RestTarget {
  /** PostgREST base URL, e.g. http://127.0.0.1:41234 */
  upstream: string;
  anonKey: string;
  serviceRoleKey: string;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
]);

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Supabase's gateway in front of PostgREST: `/rest/v1/x` → `/x`. The `apikey` (header or
 * query) must be the anon or service-role key; it is stripped, and stands in for the
 * Authorization header when that is missing. Everything else streams through unchanged.
 */
export function createRestProxy(target: RestTarget) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const upstream = new URL(target.upstream);
  const validKeys = new Set([target.anonKey, target.serviceRoleKey]);

  return function proxyRest(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const headerKey = req.headers.apikey;
    const apikey = (Array.isArray(headerKey) ? headerKey[0] : headerKey) ?? url.searchParams.get('apikey') ?? undefined;
    const authorization = req.headers.authorization;
    if (apikey === undefined && !/^bearer\s+\S/i.test(authorization ?? '')) {
      return sendJson(res, 401, {
        message: 'No API key found in request',
        hint: 'No `apikey` request header or url param was found.',
      });
    }
    if (apikey !== undefined && !validKeys.has(apikey)) {
      return sendJson(res, 401, {
        message: 'Invalid API key',
        hint: 'Double check your Supabase `anon` or `service_role` API key.',
      });
    }

    url.searchParams.delete('apikey'); // PostgREST would read it as a column filter
    const path = url.pathname.replace(/^\/rest\/v1/, '') || '/';
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || HOP_BY_HOP.has(name) || name === 'apikey') continue;
      headers[name] = value;
    }
    if (!authorization && apikey) headers.authorization = `Bearer ${apikey}`;
    if (req.headers['transfer-encoding']) headers['transfer-encoding'] = req.headers['transfer-encoding'];

    const upstreamReq = request(
      {
        protocol: upstream.protocol,
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: path + url.search,
        headers: { ...headers, host: upstream.host },
        agent,
      },
      (upstreamRes) => {
        const out: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(upstreamRes.headers)) {
          if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
        }
        res.writeHead(upstreamRes.statusCode ?? 502, out);
        upstreamRes.pipe(res);
      },
    );
    upstreamReq.on('error', (error) => {
      if (res.headersSent) return void res.destroy();
      console.error(`[gateway] PostgREST unreachable: ${error.message}`);
      sendJson(res, 502, { error: { code: 'bad_gateway', message: '数据服务暂时不可用，请稍后再试' } });
    });
    req.pipe(upstreamReq);
  };
}
