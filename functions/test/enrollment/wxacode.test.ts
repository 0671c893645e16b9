import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startStack } from '../../local/stack';
import { setRoleGrant } from '../../lib/roles';
import { apiClient, type ApiClient } from '../support/api';
import { startWeChatStandin, wxacodeContent, type WeChatStandin } from '../support/wechatStandin';
import { fromDataUri, pngEncodes } from './qrMatrix';
import { createClass, type TestClass } from './support';

// Its own stack with WeChat configured, pointing at the local stand-in.
const STATION = 'STA-110105-001';
const APP_URL = 'https://h5.example.test';
let standin: WeChatStandin;
let stack: Awaited<ReturnType<typeof startStack>>;
let api: ApiClient;
let db: pg.Pool;
let token: string;
let cls: TestClass;
const tokenCalls = () => standin.calls.filter((u) => u.pathname === '/cgi-bin/token').length;

beforeAll(async () => {
  standin = await startWeChatStandin({ appId: 'wx-qr-app', secret: 'qr-secret' });
  Object.assign(process.env, {
    WECHAT_APPID: 'wx-qr-app',
    WECHAT_SECRET: 'qr-secret',
    WECHAT_API_BASE: standin.url,
    WECHAT_TIMEOUT_MS: '1000',
    PUBLIC_APP_URL: APP_URL,
    LOG_LEVEL: 'silent',
  });
  stack = await startStack({ port: 0, quiet: true });
  api = apiClient(stack.url);
  db = new pg.Pool({ connectionString: stack.databaseUrl, max: 1 });
  const run = async <T,>(text: string, params: unknown[] = []) => (await db.query(text, params)).rows as T[];
  cls = await createClass({}, run as never);
  const first = await api.post('/api/auth/login', { code: 'user:station-worker:1' });
  await setRoleGrant(first.body.user.id, { role: 'station_staff', scope: STATION });
  token = (await api.post('/api/auth/login', { code: 'user:station-worker:2' })).body.token;
}, 120_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
  await standin?.close();
  for (const name of ['WECHAT_APPID', 'WECHAT_SECRET', 'WECHAT_API_BASE', 'WECHAT_TIMEOUT_MS', 'PUBLIC_APP_URL', 'WECHAT_WXACODE_ENV']) {
    delete process.env[name];
  }
});

describe('station codes with WeChat configured', () => {
  it('adds the mini-program code from wxacode.getUnlimited, and links to PUBLIC_APP_URL', async () => {
    const reply = await api.get(`/api/stations/me/qrcode?classId=${cls.id}`, { token });
    expect(reply.status).toBe(200);
    expect(reply.body.url).toBe(`${APP_URL}/pages/class/index?id=${cls.id}&station=${STATION}`);
    expect(reply.body.wxacodeError).toBeNull();
    expect(pngEncodes(fromDataUri(reply.body.wxacode), wxacodeContent('pages/class/index', reply.body.scene), 4)).toBe(true);
    expect(standin.wxacodeRequests.at(-1)).toEqual({
      scene: reply.body.scene,
      page: 'pages/class/index',
      width: 430,
      check_path: true,
      env_version: 'release',
    });
  });

  it('shares one access token through the database instead of fetching one per call', async () => {
    const before = tokenCalls();
    for (let i = 0; i < 3; i++) expect((await api.get(`/api/stations/me/qrcode?classId=${cls.id}&format=wxacode`, { token })).status).toBe(200);
    expect(tokenCalls()).toBe(before);
    expect(before).toBe(1);
    const rows = (await db.query('select app_id, expires_at > now() + interval \'100 minutes\' as fresh from public.wechat_access_tokens')).rows;
    expect(rows).toEqual([{ app_id: 'wx-qr-app', fresh: true }]);
  });

  it('replaces a token WeChat calls invalid (40001) once and retries', async () => {
    standin.revokeTokens();
    const before = tokenCalls();
    const response = await fetch(new URL(`/api/stations/me/qrcode?classId=${cls.id}&format=wxacode`, stack.url), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(tokenCalls()).toBe(before + 1);
  });

  it('reports an unpublished page (41030) in words, and still answers the H5 QR code', async () => {
    const pages = standin.publishedPages;
    standin.publishedPages = [];
    try {
      const json = await api.get(`/api/stations/me/qrcode?classId=${cls.id}`, { token });
      expect(json.status).toBe(200);
      expect(json.body.wxacode).toBeNull();
      expect(json.body.wxacodeError).toEqual({ code: 'wechat_page_invalid', message: expect.stringContaining('尚未发布') });
      expect(json.body.qrcode).toMatch(/^data:image\/png;base64,/);
      const image = await api.get(`/api/stations/me/qrcode?classId=${cls.id}&format=wxacode`, { token });
      expect(image.status).toBe(400);
      expect(image.body.error.code).toBe('wechat_page_invalid');
    } finally {
      standin.publishedPages = pages;
    }
  });

  it('does not check the page for a develop build', async () => {
    process.env.WECHAT_WXACODE_ENV = 'develop';
    const pages = standin.publishedPages;
    standin.publishedPages = [];
    try {
      expect((await api.get(`/api/stations/me/qrcode?classId=${cls.id}&format=wxacode`, { token })).status).toBe(200);
      expect(standin.wxacodeRequests.at(-1)).toMatchObject({ check_path: false, env_version: 'develop' });
    } finally {
      standin.publishedPages = pages;
      delete process.env.WECHAT_WXACODE_ENV;
    }
  });

  it('turns the daily quota (45009) into a 429 in words', async () => {
    standin.wxacodeQuota = 0;
    try {
      const reply = await api.get(`/api/stations/me/qrcode?classId=${cls.id}&format=wxacode`, { token });
      expect(reply.status).toBe(429);
      expect(reply.body.error).toMatchObject({ code: 'wechat_quota_exceeded', message: expect.stringContaining('上限') });
    } finally {
      standin.wxacodeQuota = 1000;
    }
  });

  it('puts the mini-program code on the poster', async () => {
    const reply = await api.get(`/api/stations/me/poster?classId=${cls.id}`, { token });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('微信扫一扫，立即报名');
    const png = /href="(data:image\/png;base64,[^"]+)"/.exec(reply.body)?.[1];
    const scene = `s=110105-001&c=${cls.code.slice(3)}`;
    expect(pngEncodes(fromDataUri(png!), wxacodeContent('pages/class/index', scene), 4)).toBe(true);
  });

  it('reports a wrong AppSecret (40125) as a configuration problem', async () => {
    standin.revokeTokens();
    await db.query('delete from public.wechat_access_tokens');
    process.env.WECHAT_SECRET = 'wrong-secret';
    try {
      const reply = await api.get(`/api/stations/me/qrcode?classId=${cls.id}&format=wxacode`, { token });
      expect(reply.status).toBe(503);
      expect(reply.body.error.code).toBe('wechat_misconfigured');
    } finally {
      process.env.WECHAT_SECRET = 'qr-secret';
    }
  });

  it('answers 503 when WeChat cannot be reached, and the H5 code still works', async () => {
    process.env.WECHAT_API_BASE = 'http://127.0.0.1:9';
    try {
      const image = await api.get(`/api/stations/me/qrcode?classId=${cls.id}&format=wxacode`, { token });
      expect(image.status).toBe(503);
      expect(image.body.error.code).toBe('wechat_unreachable');
      const json = await api.get(`/api/stations/me/qrcode?classId=${cls.id}`, { token });
      expect(json.status).toBe(200);
      expect(json.body.wxacodeError.code).toBe('wechat_unreachable');
    } finally {
      process.env.WECHAT_API_BASE = standin.url;
    }
  });
});
