import { inject, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { apiClient, uniqueName } from './support/api';

const api = apiClient(inject('stackUrl'));

describe('sign-in without WeChat configured (development)', () => {
  it('offers the development login and not WeChat', async () => {
    const reply = await api.get('/api/auth/options');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ wechatLogin: false, devLogin: true });
  });

  it('dev login returns a session token PostgREST accepts, with the claims the architecture names', async () => {
    const name = uniqueName();
    const reply = await api.post('/api/auth/dev-login', { name });
    expect(reply.status).toBe(200);
    expect(reply.body.user).toMatchObject({ displayName: name, roles: [], hasProfile: false });
    const claims = decodeJwt(reply.body.token);
    expect(claims).toMatchObject({ sub: reply.body.user.id, role: 'authenticated', aud: 'authenticated', app_metadata: { roles: [] } });
    expect(claims.iss).toBeTruthy();
    expect(claims.exp! * 1000).toBe(Date.parse(reply.body.expiresAt));
    expect(claims.exp! - claims.iat!).toBeGreaterThan(3600);

    const me = await api.get('/api/me', { token: reply.body.token });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(reply.body.user.id);
  });

  it('signing in again by the same name is the same account', async () => {
    const name = uniqueName();
    const first = await api.devLogin(name);
    const second = await api.devLogin(name);
    expect(second.user.id).toBe(first.user.id);
  });

  it('carries staff roles with their scope in the token', async () => {
    const reply = await api.devLogin(uniqueName(), [{ role: 'reviewer', scope: '110108' }]);
    expect(reply.user.roles).toEqual([{ role: 'reviewer', scope: '110108' }]);
    expect(decodeJwt(reply.token).app_metadata).toEqual({ roles: [{ role: 'reviewer', scope: '110108' }] });
  });

  it('seeds one account for each role', async () => {
    const admin = await api.devLogin('演示管理员');
    expect(admin.user.roles).toEqual([{ role: 'admin' }]);
    const reviewer = await api.devLogin('演示审核员');
    expect(reviewer.user.roles).toEqual([{ role: 'reviewer', scope: '110105' }]);
  });

  it.each([
    ['no name', {}, 'name'],
    ['an empty name', { name: '  ' }, 'name'],
    ['a name of the wrong type', { name: 42 }, 'name'],
    ['an unknown field', { name: '张三', admin: true }, 'admin'],
    ['an unknown role', { name: '张三', roles: [{ role: 'king' }] }, 'roles.0.role'],
  ])('dev login refuses %s with 400 naming the field', async (_label, body, field) => {
    const reply = await api.post('/api/auth/dev-login', body);
    expect(reply.status).toBe(400);
    expect(reply.body.error.fields).toHaveProperty([field]);
    expect(reply.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('WeChat login answers 503 with a Chinese message when WeChat is not configured', async () => {
    const reply = await api.post('/api/auth/login', { code: 'abc' });
    expect(reply.status).toBe(503);
    expect(reply.body.error).toMatchObject({ code: 'wechat_not_configured', message: '微信登录尚未配置' });
  });

  it('WeChat login refuses a missing code before calling WeChat', async () => {
    const reply = await api.post('/api/auth/login', {});
    expect(reply.status).toBe(400);
    expect(reply.body.error.fields.code).toContain('code');
  });
});

describe('errors and plumbing', () => {
  it('health reports the database kind', async () => {
    const reply = await api.get('/api/health');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ok: true, database: inject('databaseKind') });
  });

  it('unknown routes are 404 in the one error shape', async () => {
    const reply = await api.get('/api/no/such/route');
    expect(reply.status).toBe(404);
    expect(reply.body.error).toMatchObject({ code: 'not_found' });
    expect(reply.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('a wrong method is 405 with Allow', async () => {
    const reply = await api.call('DELETE', '/api/me/profile');
    expect(reply.status).toBe(405);
    expect(reply.headers.get('allow')).toBe('GET, PUT');
    expect(reply.body.error.code).toBe('method_not_allowed');
  });

  it('every answer carries a request id, the one given when it is well formed', async () => {
    const reply = await api.get('/api/auth/options', { headers: { 'x-request-id': 'req-test-12345' } });
    expect(reply.headers.get('x-request-id')).toBe('req-test-12345');
    const error = await api.get('/api/me');
    expect(error.status).toBe(401);
    expect(error.body.error.requestId).toBe(error.headers.get('x-request-id'));
  });
});
