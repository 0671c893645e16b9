/**
 * A local stand-in for WeChat's server APIs (we cannot reach api.weixin.qq.com from here). It speaks
 * the documented responses, errors included, so the one WeChat client is tested end to end.
 *
 * Codes for jscode2session: `user:<name>:<anything>` signs in the WeChat user <name> (same name, same
 * openid, as WeChat does across wx.login calls); `invalid`, `used`, `rate-limited`, `busy`, `risky`
 * return errcodes 40029, 40163, 45011, -1 and 40226; `slow` answers after 3 s; any other code is its own user.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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
  close(): Promise<void>;
}

export function openidFor(code: string): string {
  const user = /^user:([^:]+):/.exec(code)?.[1] ?? code;
  return `o${createHash('sha256').update(user).digest('base64url').slice(0, 27)}`;
}

export async function startWeChatStandin(app: { appId: string; secret: string }): Promise<WeChatStandin> {
  const sessionKeys: string[] = [];
  const calls: URL[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://standin');
    calls.push(url);
    // WeChat labels these JSON answers text/plain.
    const reply = (body: object) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(JSON.stringify(body));
    };
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
      reply({ openid: openidFor(code), session_key: sessionKey });
    };
    if (code === 'slow') setTimeout(answer, 3000);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sessionKeys,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
