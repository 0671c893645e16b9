import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { startStack } from '../local/stack';
import { apiClient, type ApiClient } from './support/api';
import { openidFor, startWeChatStandin, type WeChatStandin } from './support/wechatStandin';

// This file runs its own stack with WeChat configured (pointing at the local stand-in).
let standin: WeChatStandin;
let stack: Awaited<ReturnType<typeof startStack>>;
let api: ApiClient;

beforeAll(async () => {
  standin = await startWeChatStandin({ appId: 'wx-test-app', secret: 'test-secret' });
  Object.assign(process.env, {
    WECHAT_APPID: 'wx-test-app',
    WECHAT_SECRET: 'test-secret',
    WECHAT_API_BASE: standin.url,
    WECHAT_TIMEOUT_MS: '1000',
    LOG_LEVEL: 'silent',
  });
  stack = await startStack({ port: 0, quiet: true });
  api = apiClient(stack.url);
});

afterAll(async () => {
  await stack?.stop();
  await standin?.close();
});

describe('POST /api/auth/login through WeChat jscode2session', () => {
  it('signs a WeChat user in, and the same user again later as the same account', async () => {
    const first = await api.post('/api/auth/login', { code: 'user:laowang:1' });
    expect(first.status).toBe(200);
    expect(first.body.user).toMatchObject({ displayName: '微信用户', roles: [], hasProfile: false });
    expect(decodeJwt(first.body.token)).toMatchObject({ sub: first.body.user.id, role: 'authenticated' });

    const second = await api.post('/api/auth/login', { code: 'user:laowang:2' });
    expect(second.body.user.id).toBe(first.body.user.id);
    const other = await api.post('/api/auth/login', { code: 'user:xiaoli:1' });
    expect(other.body.user.id).not.toBe(first.body.user.id);

    const call = standin.calls.find((u) => u.searchParams.get('js_code') === 'user:laowang:1')!;
    expect(call.pathname).toBe('/sns/jscode2session');
    expect(call.searchParams.get('grant_type')).toBe('authorization_code');
  });

  it('never lets the session_key or the openid leave the server', async () => {
    const reply = await api.post('/api/auth/login', { code: 'user:secretive:1' });
    const text = JSON.stringify(reply.body);
    expect(standin.sessionKeys.length).toBeGreaterThan(0);
    for (const key of standin.sessionKeys) expect(text).not.toContain(key);
    expect(text).not.toContain(openidFor('user:secretive:1'));
    expect(text).not.toContain('session_key');
  });

  it.each([
    ['invalid', 400, 'wechat_code_invalid', '重新打开小程序'],
    ['used', 400, 'wechat_code_used', '重新登录'],
    ['rate-limited', 429, 'wechat_rate_limited', '太频繁'],
    ['busy', 503, 'wechat_busy', '繁忙'],
    ['risky', 403, 'wechat_user_blocked', '暂时无法登录'],
  ])('turns WeChat error for code "%s" into %i %s', async (code, status, errorCode, words) => {
    const reply = await api.post('/api/auth/login', { code });
    expect(reply.status).toBe(status);
    expect(reply.body.error.code).toBe(errorCode);
    expect(reply.body.error.message).toContain(words);
  });

  it('answers 503 when WeChat does not answer in time', async () => {
    const reply = await api.post('/api/auth/login', { code: 'slow' });
    expect(reply.status).toBe(503);
    expect(reply.body.error.code).toBe('wechat_unreachable');
  });

  it('reports a misconfigured AppSecret as a WeChat error, not a crash', async () => {
    process.env.WECHAT_SECRET = 'wrong-secret';
    try {
      const reply = await api.post('/api/auth/login', { code: 'user:anyone:1' });
      expect(reply.status).toBe(502);
      expect(reply.body.error).toMatchObject({ code: 'wechat_error' });
      expect(reply.body.error.message).toContain('40125');
    } finally {
      process.env.WECHAT_SECRET = 'test-secret';
    }
  });

  it('turns the development login off while WeChat is configured', async () => {
    expect((await api.get('/api/auth/options')).body).toEqual({ wechatLogin: true, devLogin: false });
    const reply = await api.post('/api/auth/dev-login', { name: '张三' });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('not_found');
  });
});
