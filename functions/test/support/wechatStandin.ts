/**
 * A local stand-in for WeChat's server APIs (we cannot reach api.weixin.qq.com from here). It speaks
 * the documented responses, errors included, so the one WeChat client is tested end to end.
 *
 * Codes for jscode2session: `user:<name>:<anything>` signs in the WeChat user <name> (same name, same
 * openid, as WeChat does across wx.login calls); `invalid`, `used`, `rate-limited`, `busy`, `risky`
 * return errcodes 40029, 40163, 45011, -1 and 40226; `slow` answers after 3 s; any other code is its own user.
 *
 * /cgi-bin/token (GET, grant_type=client_credential): `{access_token, expires_in: 7200}`; a wrong
 * appid, secret or grant_type gives 40013, 40125, 40002. Like WeChat, a new token retires the
 * previous ones (here at once, so tests see 40001 without waiting 5 minutes).
 * /wxa/getwxacodeunlimit (POST JSON {scene, page, width, check_path, env_version}): a PNG (a QR code
 * of `wxacode:<page>?<scene>`, so tests can tell which code they got) or, as JSON: 40001 for an
 * unknown or retired access_token, 40129 for a scene over 32 characters or with characters outside
 * WeChat's set, 41030 for a page that is not published (when check_path is not false), 45009 when
 * the daily quota (`wxacodeQuota`) is used up.
 * /cgi-bin/message/subscribe/send (POST JSON {touser, template_id, page, data, …}): `{errcode: 0}`
 * and the message recorded in `subscribeSends`, or 40001 for an unknown or retired access_token,
 * 40003 for an openid this stand-in never handed out, 47003 for a thing over 20 characters or a
 * phrase over 5, and the errcodes queued in `subscribeErrors` (one per call, first in first out).
 * `subscribeDelayMs` slows each answer down (for tests of concurrent deliverers).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';

const ERRORS: Record<string, { errcode: number; errmsg: string }> = {
  invalid: { errcode: 40029, errmsg: 'invalid code' },
  used: { errcode: 40163, errmsg: 'code been used' },
  'rate-limited': { errcode: 45011, errmsg: 'api minute-quota reach limit  mustslower  retry next minute' },
  busy: { errcode: -1, errmsg: 'system error' },
  risky: { errcode: 40226, errmsg: 'code blocked' },
};

export interface WeChatStandin {
  url: string;
  /** Every session_key handed out, so tests can check none leaks. */
  sessionKeys: string[];
  calls: URL[];
  /** Bodies of the getwxacodeunlimit calls, in order. */
  wxacodeRequests: Array<Record<string, unknown>>;
  /** Subscribe messages WeChat accepted, in order. */
  subscribeSends: Array<{ touser: string; template_id: string; page?: string; data: Record<string, { value: string }> }>;
  /** Errcodes the next subscribe/send calls answer instead of sending (e.g. -1, 43101), one per call. */
  subscribeErrors: number[];
  /** Milliseconds each subscribe/send call takes. */
  subscribeDelayMs: number;
  /** Mini-program codes WeChat may still make today; 0 → errcode 45009. */
  wxacodeQuota: number;
  /** Pages the released mini-program has (check_path). */
  publishedPages: string[];
  /** Retires every access_token handed out (as a token fetched elsewhere would): the next use gets 40001. */
  revokeTokens(): void;
  close(): Promise<void>;
}

/** What the stand-in's mini-program code encodes, so tests can check the page and scene. */
export const wxacodeContent = (page: string, scene: string) => `wxacode:${page}?${scene}`;

const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

export function openidFor(code: string): string {
  const user = /^user:([^:]+):/.exec(code)?.[1] ?? code;
  return `o${createHash('sha256').update(user).digest('base64url').slice(0, 27)}`;
}

export async function startWeChatStandin(app: { appId: string; secret: string }): Promise<WeChatStandin> {
  const sessionKeys: string[] = [];
  const calls: URL[] = [];
  let liveTokens = new Set<string>();
  const openids = new Set<string>();
  const state: Pick<
    WeChatStandin,
    'wxacodeQuota' | 'publishedPages' | 'wxacodeRequests' | 'subscribeSends' | 'subscribeErrors' | 'subscribeDelayMs'
  > = {
    subscribeSends: [],
    subscribeErrors: [],
    subscribeDelayMs: 0,
    wxacodeQuota: 1000,
    publishedPages: ['pages/index/index', 'pages/class/index', 'pages/project/index'],
    wxacodeRequests: [],
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://standin');
    calls.push(url);
    // WeChat labels these JSON answers text/plain.
    const reply = (body: object) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/cgi-bin/token') {
      const q = url.searchParams;
      if (q.get('grant_type') !== 'client_credential') return reply({ errcode: 40002, errmsg: 'invalid grant_type' });
      if (q.get('appid') !== app.appId) return reply({ errcode: 40013, errmsg: 'invalid appid' });
      if (q.get('secret') !== app.secret) return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
      const token = `ACCESS_${randomBytes(24).toString('base64url')}`;
      liveTokens = new Set([token]);
      return reply({ access_token: token, expires_in: 7200 });
    }
    if (url.pathname === '/wxa/getwxacodeunlimit') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const jsonError = (errcode: number, errmsg: string) => {
          res.writeHead(200, { 'content-type': 'application/json; encoding=utf-8' });
          res.end(JSON.stringify({ errcode, errmsg }));
        };
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
        } catch {
          return jsonError(47001, 'data format error');
        }
        state.wxacodeRequests.push(body);
        if (!liveTokens.has(url.searchParams.get('access_token') ?? '')) {
          return jsonError(40001, 'invalid credential, access_token is invalid or not latest');
        }
        const scene = String(body.scene ?? '');
        const page = String(body.page ?? '');
        if (!SCENE_CHARS.test(scene)) return jsonError(40129, 'invalid scene');
        if (body.check_path !== false && page && !state.publishedPages.includes(page)) return jsonError(41030, 'invalid page');
        if (state.wxacodeQuota <= 0) return jsonError(45009, 'reach max api daily quota limit');
        state.wxacodeQuota -= 1;
        QRCode.toBuffer(wxacodeContent(page, scene), { type: 'png', width: Number(body.width) || 430 }).then((png) => {
          res.writeHead(200, { 'content-type': 'image/png' });
          res.end(png);
        });
      });
      return;
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const answer = (body: object) => setTimeout(() => reply(body), state.subscribeDelayMs);
        let body: WeChatStandin['subscribeSends'][number];
        try {
          body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
        } catch {
          return answer({ errcode: 47001, errmsg: 'data format error' });
        }
        if (!liveTokens.has(url.searchParams.get('access_token') ?? '')) {
          return answer({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
        }
        if (!openids.has(body.touser)) return answer({ errcode: 40003, errmsg: 'invalid openid' });
        const tooLong = Object.entries(body.data ?? {}).some(([key, field]) => {
          const length = Array.from(String(field?.value ?? '')).length;
          return (key.startsWith('thing') && length > 20) || (key.startsWith('phrase') && length > 5) || length === 0;
        });
        if (tooLong) return answer({ errcode: 47003, errmsg: 'argument invalid! data.thing1.value invalid' });
        const queued = state.subscribeErrors.shift();
        if (queued !== undefined) return answer({ errcode: queued, errmsg: queued === 43101 ? 'user refuse to accept the msg' : 'system error' });
        state.subscribeSends.push(body);
        return answer({ errcode: 0, errmsg: 'ok' });
      });
      return;
    }
    if (url.pathname !== '/sns/jscode2session') {
      res.writeHead(404).end();
      return;
    }
    const q = url.searchParams;
    if (q.get('appid') !== app.appId) return reply({ errcode: 40013, errmsg: 'invalid appid' });
    if (q.get('secret') !== app.secret) return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
    if (q.get('grant_type') !== 'authorization_code') return reply({ errcode: 40002, errmsg: 'invalid grant_type' });
    const code = q.get('js_code') ?? '';
    if (!code) return reply({ errcode: 41008, errmsg: 'missing code' });
    const error = ERRORS[code];
    if (error) return reply(error);
    const answer = () => {
      const sessionKey = randomBytes(16).toString('base64');
      sessionKeys.push(sessionKey);
      openids.add(openidFor(code));
      reply({ openid: openidFor(code), session_key: sessionKey });
    };
    if (code === 'slow') setTimeout(answer, 3000);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    sessionKeys,
    calls,
    revokeTokens: () => {
      liveTokens = new Set();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
