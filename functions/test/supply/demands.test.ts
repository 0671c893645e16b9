/** Demand declarations: the state machine, reasons, scopes, credit-code validation, bad input and permissions. */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import { declaration, expectRefusal, person, testCreditCode } from './support';

const api = apiClient(inject('stackUrl'));

type Person = Awaited<ReturnType<typeof person>>;
let declarer: Person;
let other: Person;
let chaoyang: Person; // reviewer of 朝阳区 110105
let haidian: Person; // reviewer of 海淀区 110108
let admin: Person;
let station: Person;

beforeAll(async () => {
  [declarer, other, chaoyang, haidian, admin, station] = await Promise.all([
    person(api),
    person(api),
    person(api, 'reviewer', '110105'),
    person(api, 'reviewer', '110108'),
    person(api, 'admin'),
    person(api, 'station_staff', 'STA-110105-901'),
  ]);
});

const declare = async (token: string, overrides: Record<string, unknown> = {}) =>
  api.post('/api/demands', await declaration(overrides), { token });
const submit = (token: string, id: string) => api.post(`/api/demands/${id}/submit`, {}, { token });
const decide = (token: string, id: string, decision: string, reason?: string) =>
  api.post(`/api/review/demands/${id}/decision`, { decision, ...(reason ? { reason } : {}) }, { token });
const close = (token: string, id: string, status: string) => api.post(`/api/review/demands/${id}/close`, { status }, { token });

async function submitted(overrides: Record<string, unknown> = {}): Promise<string> {
  const reply = await declare(declarer.token, { submit: true, ...overrides });
  expect(reply.status).toBe(201);
  return reply.body.demand.id;
}

const publicDemands = async (occupation: string) =>
  (await api.get(`/api/catalog/demands?status=all&occupation=${occupation}&limit=50`)).body.items as { id: string; status: string }[];

describe('declaring', () => {
  it('saves a self-declared draft, registers the enterprise by credit code and masks the contact phone', async () => {
    const input = await declaration();
    const reply = await api.post('/api/demands', input, { token: declarer.token });
    expect(reply.status).toBe(201);
    expect(reply.body.demand).toMatchObject({
      status: 'draft',
      source: 'self_declared',
      stationCode: null,
      enterprise: { name: input.enterpriseName, creditCode: input.creditCode },
      contactName: '王经理',
      contactPhoneMasked: '138****1234',
      headcount: 12,
      payMin: 6000,
      payMax: 8000,
      returnReason: null,
    });
    expect(reply.body.demand.code).toMatch(/^XQ-\d{4}-\d{6}$/);
    expect(JSON.stringify(reply.body)).not.toContain('13812341234');
    const events = await sql('select from_status, to_status from public.demand_events where demand_id = $1', [reply.body.demand.id]);
    expect(events).toEqual([{ from_status: null, to_status: 'draft' }]);

    // the same credit code again: the same enterprise
    const again = await api.post('/api/demands', { ...(await declaration()), creditCode: input.creditCode }, { token: declarer.token });
    expect(again.status).toBe(201);
    expect(again.body.demand.enterprise.id).toBe(reply.body.demand.enterprise.id);
  });

  it('accepts the policy example credit code and refuses a wrong check character naming creditCode', async () => {
    await sql(`delete from public.enterprises e where e.credit_code = '91350100M000100Y43'
               and not exists (select 1 from public.demands d where d.enterprise_id = e.id)`);
    const example = await declare(declarer.token, { creditCode: '91350100M000100Y43' });
    expect(example.status).toBe(201);
    const wrong = await declare(declarer.token, { creditCode: '91350100M000100Y44' });
    expectRefusal(wrong, 400, 'invalid_input');
    expect(wrong.body.error.fields).toEqual({ creditCode: '统一社会信用代码校验位不对' });
  });

  it('refuses bad input with 400 and the fields', async () => {
    const reply = await declare(declarer.token, {
      headcount: 0,
      contactPhone: '123',
      district: '999999',
      wantedBy: 'soon',
      payMin: 9000,
      payMax: 8000,
      level: '9',
      extra: 1,
    });
    expectRefusal(reply, 400, 'invalid_input');
    expect(Object.keys(reply.body.error.fields).sort()).toEqual(
      ['contactPhone', 'district', 'extra', 'headcount', 'level', 'wantedBy'].sort(),
    );
    const range = await declare(declarer.token, { payMin: 9000, payMax: 8000 });
    expect(range.body.error.fields).toEqual({ payMax: '最高月薪不能低于最低月薪' });
    expectRefusal(await declare(declarer.token, { wantedBy: '2020-01-01' }), 400, 'demand_wanted_by_past');
    expectRefusal(await declare(declarer.token, { occupation: '9-99-99-99' }), 400, 'demand_unknown_occupation');
  });

  it('refuses a known enterprise name under another credit code', async () => {
    const first = await declare(declarer.token);
    expect(first.status).toBe(201);
    const clash = await declare(declarer.token, { enterpriseName: first.body.demand.enterprise.name, creditCode: testCreditCode() });
    expectRefusal(clash, 409, 'enterprise_name_taken');
  });

  it('station staff declare with source station and their station code; naming another station is refused', async () => {
    const reply = await declare(station.token, { submit: true });
    expect(reply.status).toBe(201);
    expect(reply.body.demand).toMatchObject({ status: 'submitted', source: 'station', stationCode: 'STA-110105-901' });
    expectRefusal(await declare(station.token, { stationCode: 'STA-110105-902' }), 403, 'not_allowed');
    expectRefusal(await declare(declarer.token, { stationCode: 'STA-110105-901' }), 403, 'not_allowed');
  });

  it('anonymous callers get 401', async () => {
    expect((await api.post('/api/demands', await declaration())).status).toBe(401);
    expect((await api.get('/api/me/demands')).status).toBe(401);
    expect((await api.get('/api/review/demands')).status).toBe(401);
  });
});

describe('the declaration state machine', () => {
  it('draft → submitted → returned (reason) → submitted → published → fulfilled, with an event each, public once published', async () => {
    const draft = await declare(declarer.token);
    const id = draft.body.demand.id as string;
    const occupation = draft.body.demand.occupation.code as string;
    expect((await publicDemands(occupation)).map((d) => d.id)).not.toContain(id);

    expect((await submit(declarer.token, id)).body.demand.status).toBe('submitted');
    expect((await publicDemands(occupation)).map((d) => d.id)).not.toContain(id);

    expectRefusal(await decide(chaoyang.token, id, 'return'), 400, 'invalid_input');
    const returned = await decide(chaoyang.token, id, 'return', '用工数量与岗位说明不符');
    expect(returned.status).toBe(200);
    expect(returned.body.demand).toMatchObject({ status: 'returned', returnReason: '用工数量与岗位说明不符' });
    const mine = await api.get('/api/me/demands', { token: declarer.token });
    expect(mine.body.items.find((d: { id: string }) => d.id === id)).toMatchObject({
      status: 'returned',
      returnReason: '用工数量与岗位说明不符',
    });
    expect((await publicDemands(occupation)).map((d) => d.id)).not.toContain(id);

    expect((await submit(declarer.token, id)).body.demand.status).toBe('submitted');
    const published = await decide(chaoyang.token, id, 'publish');
    expect(published.body.demand).toMatchObject({ status: 'published', returnReason: null });
    expect(published.body.demand.publishedAt).toEqual(expect.any(String));
    const listed = (await publicDemands(occupation)).find((d) => d.id === id);
    expect(listed).toMatchObject({ status: 'published', payMin: 6000, payMax: 8000 });
    expect(JSON.stringify(listed)).not.toContain('1381234');

    const fulfilled = await close(chaoyang.token, id, 'fulfilled');
    expect(fulfilled.body.demand.status).toBe('fulfilled');
    expect((await publicDemands(occupation)).find((d) => d.id === id)).toMatchObject({ status: 'fulfilled' });

    const events = await sql<{ from_status: string | null; to_status: string; reason: string | null; actor_id: string }>(
      'select from_status, to_status, reason, actor_id from public.demand_events where demand_id = $1 order by id',
      [id],
    );
    expect(events.map((e) => [e.from_status, e.to_status])).toEqual([
      [null, 'draft'],
      ['draft', 'submitted'],
      ['submitted', 'returned'],
      ['returned', 'submitted'],
      ['submitted', 'published'],
      ['published', 'fulfilled'],
    ]);
    expect(events[2]).toMatchObject({ reason: '用工数量与岗位说明不符', actor_id: chaoyang.userId });
  });

  it('the declarer corrects a draft or a returned declaration, not a submitted one, nor someone else', async () => {
    const input = await declaration();
    const id = (await api.post('/api/demands', input, { token: declarer.token })).body.demand.id as string;
    const { enterpriseName: _name, creditCode: _code, ...content } = input;
    const put = (token: string, body: Record<string, unknown>) => api.put(`/api/demands/${id}`, body, { token });

    const edited = await put(declarer.token, { ...content, headcount: 20, payMax: 9000 });
    expect(edited.status).toBe(200);
    expect(edited.body.demand).toMatchObject({ status: 'draft', headcount: 20, payMax: 9000 });
    expectRefusal(await put(other.token, content), 404, 'demand_not_found');
    const bad = await put(declarer.token, { ...content, creditCode: testCreditCode(), headcount: -1 });
    expectRefusal(bad, 400, 'invalid_input');
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['creditCode', 'headcount']);

    await submit(declarer.token, id);
    expectRefusal(await put(declarer.token, content), 409, 'demand_not_editable');
    await decide(chaoyang.token, id, 'return', '请补充技能要求');
    expect((await put(declarer.token, { ...content, skills: '能独立完成失能老人照护和康复训练' })).body.demand).toMatchObject({
      status: 'returned',
      skills: '能独立完成失能老人照护和康复训练',
    });
    expect((await submit(declarer.token, id)).body.demand).toMatchObject({ status: 'submitted', returnReason: null });
  });

  it('a published demand can be closed', async () => {
    const id = await submitted();
    await decide(admin.token, id, 'publish');
    expect((await close(admin.token, id, 'closed')).body.demand.status).toBe('closed');
  });

  it('refuses moves the table does not allow', async () => {
    const draft = (await declare(declarer.token)).body.demand.id as string;
    expectRefusal(await decide(chaoyang.token, draft, 'publish'), 409, 'invalid_demand_transition');
    expectRefusal(await close(chaoyang.token, draft, 'closed'), 409, 'invalid_demand_transition');

    const id = await submitted();
    expectRefusal(await submit(declarer.token, id), 409, 'invalid_demand_transition');
    expectRefusal(await close(chaoyang.token, id, 'fulfilled'), 409, 'invalid_demand_transition');
    await decide(chaoyang.token, id, 'publish');
    expectRefusal(await decide(chaoyang.token, id, 'return', '重复操作'), 409, 'invalid_demand_transition');
    expectRefusal(await submit(declarer.token, id), 409, 'invalid_demand_transition');
    await close(chaoyang.token, id, 'closed');
    expectRefusal(await close(chaoyang.token, id, 'fulfilled'), 409, 'invalid_demand_transition');
  });

  it('declarers cannot review and reviewers cannot submit for the declarer', async () => {
    const draft = (await declare(declarer.token)).body.demand.id as string;
    expectRefusal(await submit(chaoyang.token, draft), 403, 'not_allowed');
    // a reviewer's own declaration is reviewed by someone else
    const own = (await declare(chaoyang.token, { submit: true })).body.demand.id as string;
    expectRefusal(await decide(chaoyang.token, own, 'publish'), 403, 'not_allowed');
  });
  it('status and review columns change only through the functions: no direct insert or update grant', async () => {
    const [row] = await sql<Record<string, boolean>>(
      `select has_column_privilege('authenticated', 'public.demands', 'status', 'UPDATE') as status_update,
              has_column_privilege('authenticated', 'public.demands', 'status', 'INSERT') as status_insert,
              has_column_privilege('authenticated', 'public.demands', 'published_at', 'UPDATE') as published_update,
              has_column_privilege('authenticated', 'public.demands', 'return_reason', 'UPDATE') as reason_update,
              has_column_privilege('anon', 'public.demands', 'contact_phone', 'SELECT') as anon_phone,
              has_table_privilege('authenticated', 'public.demand_events', 'INSERT') as events_insert`,
    );
    expect(row).toEqual({
      status_update: false,
      status_insert: false,
      published_update: false,
      reason_update: false,
      anon_phone: false,
      events_insert: false,
    });
  });
});

describe('scope', () => {
  it('declarers see only their own declarations; others get 404 on them', async () => {
    const id = await submitted();
    const theirs = await api.get('/api/me/demands', { token: other.token });
    expect(theirs.body.items.map((d: { id: string }) => d.id)).not.toContain(id);
    expectRefusal(await submit(other.token, id), 404, 'demand_not_found');
  });

  it('a district reviewer sees and decides only its district; admins every district', async () => {
    const inChaoyang = await submitted({ district: '110105' });
    const inHaidian = await submitted({ district: '110108' });

    const chaoyangList = (await api.get('/api/review/demands', { token: chaoyang.token })).body.items.map((d: { id: string }) => d.id);
    expect(chaoyangList).toContain(inChaoyang);
    expect(chaoyangList).not.toContain(inHaidian);
    const filtered = await api.get('/api/review/demands?status=submitted&district=110108', { token: chaoyang.token });
    expect(filtered.body.items).toEqual([]);

    expectRefusal(await decide(chaoyang.token, inHaidian, 'publish'), 404, 'demand_not_found');
    expect((await decide(haidian.token, inHaidian, 'publish')).status).toBe(200);

    const adminList = (await api.get('/api/review/demands?status=published', { token: admin.token })).body.items.map(
      (d: { id: string }) => d.id,
    );
    expect(adminList).toContain(inHaidian);
    expect((await api.get('/api/review/demands?status=maybe', { token: admin.token })).body.error.fields).toHaveProperty('status');
  });

  it('workers and other staff get 403 on the review endpoints', async () => {
    const id = await submitted();
    for (const caller of [declarer, station]) {
      expect((await api.get('/api/review/demands', { token: caller.token })).status).toBe(403);
      expect((await decide(caller.token, id, 'publish')).status).toBe(403);
      expect((await close(caller.token, id, 'closed')).status).toBe(403);
    }
  });
});
