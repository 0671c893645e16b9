/** Whitelists: list, suspend (reason required) and restore; suspension stops sign-ups and catalog listing at once. */
import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import { createClass, enroll, worker, type TestInstitution } from '../enrollment/support';
import { expectRefusal, person } from './support';

const api = apiClient(inject('stackUrl'));

type Person = Awaited<ReturnType<typeof person>>;
let haidian: Person; // reviewer of 海淀区 110108
let chaoyang: Person;
let admin: Person;
let staffOfIt: Person;

async function institution(status: 'pending' | 'listed' | 'removed' = 'listed'): Promise<TestInstitution & { name: string }> {
  const code = `INS-W${String(randomInt(1e8)).padStart(8, '0')}`;
  const name = `白名单测试学校${code.slice(5)}`;
  const [row] = await sql<{ id: string }>(
    `insert into public.institutions (code, name, kind, carrier_type, whitelist_status, whitelisted_on, district)
     values ($1, $2, 'training', 'private_institution', $3, case when $3 = 'listed' then current_date end, '110108') returning id`,
    [code, name, status],
  );
  return { id: row!.id, code, name };
}

const act = (token: string, id: string, action: string, reason?: string) =>
  api.post(`/api/review/institutions/${id}/whitelist`, { action, ...(reason ? { reason } : {}) }, { token });
const listed = async (name: string) =>
  ((await api.get(`/api/catalog/institutions?q=${encodeURIComponent(name)}`)).body.items as { name: string }[]).map((i) => i.name);

beforeAll(async () => {
  [haidian, chaoyang, admin, staffOfIt] = await Promise.all([
    person(api, 'reviewer', '110108'),
    person(api, 'reviewer', '110105'),
    person(api, 'admin'),
    person(api, 'institution_staff', 'INS-W0'),
  ]);
});

describe('the whitelist', () => {
  it('suspending stops sign-ups and the public listing at once; restoring brings both back; history is kept', async () => {
    const ins = await institution();
    const cls = await createClass({ institution: ins });
    const [first, second] = await Promise.all([worker(api, '9201'), worker(api, '9202')]);
    expect(await listed(ins.name)).toContain(ins.name);

    expectRefusal(await act(haidian.token, ins.id, 'suspend'), 400, 'invalid_input');
    const suspended = await act(haidian.token, ins.id, 'suspend', '投诉核查期间暂停');
    expect(suspended.status).toBe(200);
    expect(suspended.body.institution).toMatchObject({ id: ins.id, whitelistStatus: 'suspended' });

    expectRefusal(await enroll(api, first.token, cls.id), 409, 'enrollment_closed');
    expect(await listed(ins.name)).not.toContain(ins.name);
    expect((await api.get(`/api/catalog/classes/${cls.id}`)).status).toBe(404);

    const restored = await act(haidian.token, ins.id, 'restore');
    expect(restored.body.institution.whitelistStatus).toBe('listed');
    expect(restored.body.institution.history).toEqual([
      expect.objectContaining({ action: 'suspend', from: 'listed', to: 'suspended', reason: '投诉核查期间暂停' }),
      expect.objectContaining({ action: 'restore', from: 'suspended', to: 'listed', reason: null }),
    ]);
    expect(await listed(ins.name)).toContain(ins.name);
    expect((await enroll(api, second.token, cls.id)).status).toBe(201);

    const events = await sql('select actor_id, action from public.institution_whitelist_events where institution_id = $1 order by id', [ins.id]);
    expect(events).toEqual([
      { actor_id: haidian.userId, action: 'suspend' },
      { actor_id: haidian.userId, action: 'restore' },
    ]);
  });

  it('lists a pending or removed institution, dating the listing', async () => {
    const pending = await institution('pending');
    expect(await listed(pending.name)).not.toContain(pending.name);
    const reply = await act(admin.token, pending.id, 'list');
    expect(reply.body.institution).toMatchObject({ whitelistStatus: 'listed', whitelistedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(await listed(pending.name)).toContain(pending.name);
    const removed = await institution('removed');
    expect((await act(haidian.token, removed.id, 'list')).body.institution.whitelistStatus).toBe('listed');
  });

  it('refuses moves the table does not allow', async () => {
    const ins = await institution();
    expectRefusal(await act(haidian.token, ins.id, 'list'), 409, 'invalid_whitelist_transition');
    expectRefusal(await act(haidian.token, ins.id, 'restore'), 409, 'invalid_whitelist_transition');
    await act(haidian.token, ins.id, 'suspend', '暂停整改');
    expectRefusal(await act(haidian.token, ins.id, 'suspend', '再次暂停'), 409, 'invalid_whitelist_transition');
    expectRefusal(await act(haidian.token, ins.id, 'list'), 409, 'invalid_whitelist_transition');
  });

  it('scope and permissions: another district’s reviewer 403, workers and institution staff 403, anonymous 401, bad input 400', async () => {
    const ins = await institution();
    expectRefusal(await act(chaoyang.token, ins.id, 'suspend', '不是本区'), 403, 'not_allowed');
    const someone = await person(api);
    expect((await act(someone.token, ins.id, 'suspend', '无权操作')).status).toBe(403);
    expect((await act(staffOfIt.token, ins.id, 'suspend', '无权操作')).status).toBe(403);
    expect((await api.post(`/api/review/institutions/${ins.id}/whitelist`, { action: 'suspend', reason: '匿名' })).status).toBe(401);
    const bad = await act(haidian.token, ins.id, 'delete');
    expectRefusal(bad, 400, 'invalid_input');
    expect(bad.body.error.fields).toHaveProperty('action');
    expect((await act(haidian.token, 'not-a-uuid', 'list')).body.error.fields).toHaveProperty('id');
    expectRefusal(await act(haidian.token, '00000000-0000-4000-8000-000000000000', 'list'), 404, 'whitelist_institution_not_found');
    const still = await sql<{ whitelist_status: string }>('select whitelist_status from public.institutions where id = $1', [ins.id]);
    expect(still[0]!.whitelist_status).toBe('listed');
  });
});
