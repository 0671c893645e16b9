import { inject, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, uniqueName } from './support/api';
import { sql } from './harness/db';

const api = apiClient(inject('stackUrl'));

describe('POST /api/admin/roles', () => {
  let admin: string;
  beforeAll(async () => {
    ({ token: admin } = await api.devLogin(uniqueName('管理'), [{ role: 'admin' }]));
  });

  it('lets an admin grant a scoped role, shown on the next sign-in and audited', async () => {
    const name = uniqueName();
    const worker = await api.devLogin(name);
    expect(worker.user.roles).toEqual([]);
    const reply = await api.post('/api/admin/roles', { userId: worker.user.id, role: 'reviewer', scope: '110105' }, { token: admin });
    expect(reply.status).toBe(200);
    expect(reply.body.roles).toEqual([{ role: 'reviewer', scope: '110105' }]);

    const me = await api.get('/api/me', { token: worker.token });
    expect(me.body.user.roles).toEqual([{ role: 'reviewer', scope: '110105' }]);
    const again = await api.devLogin(name);
    expect(again.user.roles).toEqual([{ role: 'reviewer', scope: '110105' }]);

    const audit = await sql<{ action: string; detail: { role: string; scope: string } }>(
      `select action, detail from public.audit_log where entity = 'user' and entity_id = $1 order by id`,
      [worker.user.id],
    );
    expect(audit).toEqual([{ action: 'role.granted', detail: { role: 'reviewer', scope: '110105' } }]);
  });

  it('revokes a role', async () => {
    const worker = await api.devLogin(uniqueName(), [{ role: 'station_staff', scope: 'STA-TEST-1' }]);
    expect(worker.user.roles).toEqual([{ role: 'station_staff', scope: 'STA-TEST-1' }]);
    const reply = await api.post(
      '/api/admin/roles',
      { userId: worker.user.id, role: 'station_staff', scope: 'STA-TEST-1', revoke: true },
      { token: admin },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.roles).toEqual([]);
  });

  it('granting the same role twice keeps one grant', async () => {
    const worker = await api.devLogin(uniqueName());
    for (let i = 0; i < 2; i++) {
      await api.post('/api/admin/roles', { userId: worker.user.id, role: 'admin' }, { token: admin });
    }
    const me = await api.get('/api/me', { token: worker.token });
    expect(me.body.user.roles).toEqual([{ role: 'admin' }]);
  });

  it.each([
    ['a role that does not exist', { role: 'king' }, 400, 'role'],
    ['a reviewer scope that is not a Beijing district', { role: 'reviewer', scope: 'Shanghai' }, 400, undefined],
    ['a station role without its station', { role: 'station_staff' }, 400, undefined],
    ['a malformed user id', { userId: 'abc', role: 'admin' }, 400, 'userId'],
    ['an unknown field', { role: 'admin', extra: true }, 400, 'extra'],
  ])('refuses %s', async (_label, change, status, field) => {
    const worker = await api.devLogin(uniqueName());
    const reply = await api.post('/api/admin/roles', { userId: worker.user.id, ...change }, { token: admin });
    expect(reply.status).toBe(status);
    if (field) expect(reply.body.error.fields).toHaveProperty(field);
    expect(reply.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    const me = await api.get('/api/me', { token: worker.token });
    expect(me.body.user.roles).toEqual([]);
  });

  it('answers 404 for an unknown user', async () => {
    const reply = await api.post('/api/admin/roles', { userId: '00000000-0000-4000-8000-000000000000', role: 'admin' }, { token: admin });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('user_not_found');
  });

  it.each([
    ['a worker', []],
    ['a reviewer', [{ role: 'reviewer', scope: '110105' }]],
    ['institution staff', [{ role: 'institution_staff', scope: 'INS-001' }]],
  ])('refuses %s with 403', async (_label, roles) => {
    const caller = await api.devLogin(uniqueName(), roles as never);
    const target = await api.devLogin(uniqueName());
    const reply = await api.post('/api/admin/roles', { userId: target.user.id, role: 'admin' }, { token: caller.token });
    expect(reply.status).toBe(403);
    expect((await api.get('/api/me', { token: target.token })).body.user.roles).toEqual([]);
  });

  it('refuses callers without a token', async () => {
    expect((await api.post('/api/admin/roles', { userId: '00000000-0000-4000-8000-000000000000', role: 'admin' })).status).toBe(401);
  });

  it('the database refuses a non-admin calling the grant function directly', async () => {
    const caller = await api.devLogin(uniqueName());
    const reply = await api.post(
      '/rest/v1/rpc/set_role_grant',
      { p_user_id: caller.user.id, p_role: 'admin', p_scope: null },
      { token: caller.token, headers: { apikey: inject('anonKey') } },
    );
    expect(reply.status).toBe(403);
    expect(reply.body.message).toBe('not_allowed');
    expect((await api.get('/api/me', { token: caller.token })).body.user.roles).toEqual([]);
  });
});
