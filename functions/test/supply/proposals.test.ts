/** Project proposals (指导目录开发): the state machine, reasons, scopes, demand links, publishing into the catalog, notifications. */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../harness/db';
import { apiClient, uniqueName } from '../support/api';
import { declaration, expectRefusal, occupationCode, person } from './support';

const api = apiClient(inject('stackUrl'));

type Person = Awaited<ReturnType<typeof person>>;
let declarer: Person;
let ins001: Person; // INS-001, 朝阳区 110105
let ins001b: Person; // a second staff member of INS-001
let ins002: Person; // INS-002, 海淀区 110108
let chaoyang: Person; // reviewer of 110105
let chaoyang2: Person; // a second reviewer of 110105
let haidian: Person; // reviewer of 110108
let admin: Person;
let worker: Person;

beforeAll(async () => {
  [declarer, ins001, ins001b, ins002, chaoyang, chaoyang2, haidian, admin, worker] = await Promise.all([
    person(api),
    person(api, 'institution_staff', 'INS-001'),
    person(api, 'institution_staff', 'INS-001'),
    person(api, 'institution_staff', 'INS-002'),
    person(api, 'reviewer', '110105'),
    person(api, 'reviewer', '110105'),
    person(api, 'reviewer', '110108'),
    person(api, 'admin'),
    person(api),
  ]);
});

/** A demand declared by `declarer` and published by an admin; answers its id and headcount. */
async function publishedDemand(overrides: Record<string, unknown> = {}): Promise<{ id: string; headcount: number }> {
  const declared = await api.post('/api/demands', await declaration({ submit: true, ...overrides }), { token: declarer.token });
  expect(declared.status).toBe(201);
  const id = declared.body.demand.id as string;
  expect((await api.post(`/api/review/demands/${id}/decision`, { decision: 'publish' }, { token: admin.token })).status).toBe(200);
  return { id, headcount: declared.body.demand.headcount };
}

async function proposalBody(demands: string[], overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  return {
    title: uniqueName('养老护理员技能提升项目'),
    projectType: 'upskilling',
    field: 'care',
    occupations: [await occupationCode()],
    level: '4',
    headcount: 5,
    content: '老年人生活照料、基础护理、康复服务与失智照护，含实操考核。',
    hours: 80,
    mode: 'offline',
    audiences: ['employee', 'key_group'],
    funding: 'subsidised',
    demands,
    ...overrides,
  };
}

const propose = async (token: string, demands: string[], overrides: Record<string, unknown> = {}) =>
  api.post('/api/proposals', await proposalBody(demands, overrides), { token });
const submit = (token: string, id: string) => api.post(`/api/proposals/${id}/submit`, {}, { token });
const withdraw = (token: string, id: string) => api.post(`/api/proposals/${id}/withdraw`, {}, { token });
const decide = (token: string, id: string, decision: string, reason?: string) =>
  api.post(`/api/review/proposals/${id}/decision`, { decision, ...(reason ? { reason } : {}) }, { token });

async function submitted(demands: string[], overrides: Record<string, unknown> = {}, token = ins001.token): Promise<string> {
  const reply = await propose(token, demands, { submit: true, ...overrides });
  expect(reply.status).toBe(201);
  return reply.body.proposal.id;
}

const events = (id: string) =>
  sql<{ from_status: string | null; to_status: string; reason: string | null; actor_id: string }>(
    'select from_status, to_status, reason, actor_id from public.project_proposal_events where proposal_id = $1 order by id',
    [id],
  );

describe('proposing', () => {
  it('saves a draft for the staff member\'s institution, linked to published demands with their remaining headcount', async () => {
    const demand = await publishedDemand({ headcount: 30 });
    const reply = await propose(ins001.token, [demand.id]);
    expect(reply.status).toBe(201);
    expect(reply.body.proposal).toMatchObject({
      status: 'draft',
      source: 'institution',
      sourceName: expect.stringContaining('京华康养'),
      institution: { code: 'INS-001' },
      district: '110105',
      level: '4',
      headcount: 5,
      funding: 'subsidised',
      fee: 0,
      projectId: null,
      returnReason: null,
      demands: [{ id: demand.id, headcount: 30, remainingHeadcount: 30, status: 'published' }],
    });
    expect(reply.body.proposal.code).toMatch(/^KF-\d{4}-\d{6}$/);
    expect(await events(reply.body.proposal.id)).toEqual([{ from_status: null, to_status: 'draft', reason: null, actor_id: ins001.userId }]);
  });

  it('links only published demands', async () => {
    const draft = await api.post('/api/demands', await declaration(), { token: declarer.token });
    const underReview = await api.post('/api/demands', await declaration({ submit: true }), { token: declarer.token });
    const closed = await publishedDemand();
    await api.post(`/api/review/demands/${closed.id}/close`, { status: 'closed' }, { token: admin.token });
    for (const id of [draft.body.demand.id, underReview.body.demand.id, closed.id, '00000000-0000-4000-8000-000000000000']) {
      expectRefusal(await propose(ins001.token, [id]), 409, 'proposal_demand_not_published');
    }
    expectRefusal(await propose(ins001.token, []), 400, 'invalid_input');
  });

  it('refuses bad input with 400 and the fields', async () => {
    const demand = await publishedDemand();
    const reply = await propose(ins001.token, [demand.id], {
      title: '短',
      projectType: 'other',
      occupations: [],
      level: '9',
      headcount: 0,
      content: '太短',
      hours: 1.5,
      mode: 'walking',
      audiences: ['retirees'],
      funding: 'fee',
      extra: true,
    });
    expectRefusal(reply, 400, 'invalid_input');
    expect(Object.keys(reply.body.error.fields).sort()).toEqual(
      ['audiences.0', 'content', 'extra', 'headcount', 'hours', 'level', 'mode', 'occupations', 'projectType', 'title'].sort(),
    );
    const fee = await propose(ins001.token, [demand.id], { funding: 'fee' });
    expect(fee.body.error.fields).toEqual({ fee: '自费项目请填写费用；政府补贴项目不收费' });
    expect((await propose(ins001.token, [demand.id], { funding: 'fee', fee: 680 })).body.proposal).toMatchObject({ funding: 'fee', fee: 680 });
    expect((await propose(ins001.token, ['nope'])).body.error.fields).toHaveProperty(['demands.0']);
    expectRefusal(await propose(ins001.token, [demand.id], { occupations: ['9-99-99-99'] }), 400, 'proposal_unknown_occupation');
    expectRefusal(await propose(ins001.token, [demand.id], { field: 'nowhere' }), 400, 'invalid_proposal');
    expect((await api.get('/api/proposals?status=maybe', { token: ins001.token })).body.error.fields).toHaveProperty('status');
    expect((await api.get('/api/proposals/not-a-uuid', { token: ins001.token })).body.error.fields).toHaveProperty('id');
    const decision = await api.post(`/api/review/proposals/${demand.id}/decision`, { decision: 'maybe' }, { token: chaoyang.token });
    expectRefusal(decision, 400, 'invalid_input');
    expect(decision.body.error.fields).toHaveProperty('decision');
  });

  it('anonymous callers get 401; workers and evaluators 403; staff may not propose for another institution', async () => {
    const demand = await publishedDemand();
    expect((await api.post('/api/proposals', await proposalBody([demand.id]))).status).toBe(401);
    expect((await api.get('/api/proposals')).status).toBe(401);
    expect((await api.get('/api/review/proposals')).status).toBe(401);
    expectRefusal(await propose(worker.token, [demand.id]), 403, 'forbidden');
    expectRefusal(await api.get('/api/proposals', { token: worker.token }), 403, 'forbidden');
    expectRefusal(await api.get('/api/review/proposals', { token: ins001.token }), 403, 'forbidden');
    expectRefusal(await propose(ins001.token, [demand.id], { institution: 'INS-002' }), 403, 'not_allowed');
    // self-developed projects are for reviewers and admins
    expectRefusal(
      await propose(ins001.token, [], { source: 'mass_org', sourceName: '区总工会', institution: 'INS-001', district: '110105' }),
      403,
      'forbidden',
    );
  });
});

describe('the proposal state machine', () => {
  it('draft → submitted → returned (reason) → edited → submitted → published: the project is in the catalog with its demand', async () => {
    const demand = await publishedDemand({ headcount: 12 });
    const other = await publishedDemand({ headcount: 3 });
    const created = await propose(ins001.token, [demand.id], { headcount: 5 });
    const id = created.body.proposal.id as string;
    const title = created.body.proposal.title as string;

    expect((await submit(ins001.token, id)).body.proposal.status).toBe('submitted');
    expectRefusal(await decide(chaoyang.token, id, 'return'), 400, 'invalid_input');
    const returned = await decide(chaoyang.token, id, 'return', '培训内容请写明实操课时');
    expect(returned.body.proposal).toMatchObject({ status: 'returned', returnReason: '培训内容请写明实操课时' });
    const mine = await api.get('/api/proposals?status=returned', { token: ins001b.token });
    expect(mine.body.items.find((p: { id: string }) => p.id === id)).toMatchObject({ returnReason: '培训内容请写明实操课时' });

    const edit = await api.put(`/api/proposals/${id}`, await proposalBody([demand.id, other.id], { title, headcount: 8, content: '理论40课时，实操40课时：生活照料、基础护理。' }), {
      token: ins001b.token,
    });
    expect(edit.status).toBe(200);
    expect(edit.body.proposal).toMatchObject({ status: 'returned', headcount: 8 });
    expect(edit.body.proposal.demands.map((d: { id: string }) => d.id).sort()).toEqual([demand.id, other.id].sort());

    expect((await submit(ins001.token, id)).body.proposal).toMatchObject({ status: 'submitted', returnReason: null });
    const published = await decide(chaoyang.token, id, 'publish');
    expect(published.status).toBe(200);
    expect(published.body.proposal).toMatchObject({ status: 'published', projectId: expect.any(String) });
    const projectId = published.body.proposal.projectId as string;
    expect(published.body.proposal.projectCode).toMatch(/^XM-\d{4}-\d{6}$/);

    // in the public catalog at once, with the demands it answers
    const list = await api.get(`/api/catalog/projects?q=${encodeURIComponent(title)}`);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(projectId);
    const detail = await api.get(`/api/catalog/projects/${projectId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.project).toMatchObject({ title, headcount: 8, source: 'institution', institution: { code: 'INS-001' } });
    const shown = (detail.body.project).demands.map((d: { id: string }) => d.id).sort();
    expect(shown).toEqual([demand.id, other.id].sort());

    // the demands show the project and what is left: headcount − published projects' headcounts, floored at 0
    const [linked] = await sql<{ total: string }>(
      `select coalesce(sum(p.headcount), 0) as total from public.project_demands pd join public.projects p on p.id = pd.project_id
       where pd.demand_id = $1 and p.status = 'published'`,
      [other.id],
    );
    expect(Number(linked!.total)).toBe(8);
    const demands = (await api.get(`/api/catalog/demands?occupation=${await occupationCode()}&limit=50`)).body.items as Array<{
      id: string;
      remainingHeadcount: number;
      projects: { id: string }[];
    }>;
    const first = demands.find((d) => d.id === demand.id)!;
    const second = demands.find((d) => d.id === other.id)!;
    expect(first.remainingHeadcount).toBe(Math.max(0, 12 - 8));
    expect(second.remainingHeadcount).toBe(Math.max(0, 3 - 8));
    expect(first.projects.map((p) => p.id)).toContain(projectId);

    expect((await events(id)).map((e) => [e.from_status, e.to_status])).toEqual([
      [null, 'draft'],
      ['draft', 'submitted'],
      ['submitted', 'returned'],
      ['returned', 'submitted'],
      ['submitted', 'published'],
    ]);
    const history = (await api.get(`/api/proposals/${id}`, { token: ins001.token })).body.proposal.history;
    expect(history).toHaveLength(5);
  });

  it('the proposer withdraws a draft, a submitted or a returned proposal', async () => {
    const demand = await publishedDemand();
    const draft = (await propose(ins001.token, [demand.id])).body.proposal.id as string;
    expect((await withdraw(ins001.token, draft)).body.proposal.status).toBe('withdrawn');
    const sent = await submitted([demand.id]);
    expect((await withdraw(ins001.token, sent)).body.proposal.status).toBe('withdrawn');
    const back = await submitted([demand.id]);
    await decide(chaoyang.token, back, 'return', '请补充说明');
    expect((await withdraw(ins001.token, back)).body.proposal.status).toBe('withdrawn');
  });

  it('refuses moves the table does not allow', async () => {
    const demand = await publishedDemand();
    const draft = (await propose(ins001.token, [demand.id])).body.proposal.id as string;
    // reviewers do not see drafts at all
    expectRefusal(await decide(chaoyang.token, draft, 'publish'), 404, 'proposal_not_found');

    const id = await submitted([demand.id]);
    expectRefusal(await submit(ins001.token, id), 409, 'invalid_proposal_transition');
    await decide(chaoyang.token, id, 'return', '请补充说明');
    expectRefusal(await decide(chaoyang.token, id, 'publish'), 409, 'invalid_proposal_transition');
    expectRefusal(await decide(chaoyang.token, id, 'return', '再退一次'), 409, 'invalid_proposal_transition');
    await submit(ins001.token, id);
    await decide(chaoyang.token, id, 'publish');
    expectRefusal(await withdraw(ins001.token, id), 409, 'invalid_proposal_transition');
    expectRefusal(await submit(ins001.token, id), 409, 'invalid_proposal_transition');
    expectRefusal(await decide(chaoyang.token, id, 'return', '发布后退回'), 409, 'invalid_proposal_transition');
    expectRefusal(await api.put(`/api/proposals/${id}`, await proposalBody([demand.id]), { token: ins001.token }), 409, 'proposal_not_editable');

    const gone = (await propose(ins001.token, [demand.id])).body.proposal.id as string;
    await withdraw(ins001.token, gone);
    expectRefusal(await submit(ins001.token, gone), 409, 'invalid_proposal_transition');
    expectRefusal(await withdraw(ins001.token, gone), 409, 'invalid_proposal_transition');
  });

  it('reviewers cannot submit or withdraw for the proposer; a demand closed before the decision stops publishing', async () => {
    const demand = await publishedDemand();
    const id = await submitted([demand.id]);
    expectRefusal(await withdraw(chaoyang.token, id), 403, 'not_allowed');
    await api.post(`/api/review/demands/${demand.id}/close`, { status: 'fulfilled' }, { token: admin.token });
    expectRefusal(await decide(chaoyang.token, id, 'publish'), 409, 'proposal_demand_not_published');
    expect((await api.get(`/api/proposals/${id}`, { token: ins001.token })).body.proposal).toMatchObject({ status: 'submitted', projectId: null });
  });

  it('two reviewers deciding the same proposal at once: exactly one wins, one project', async () => {
    const demand = await publishedDemand();
    const id = await submitted([demand.id]);
    const replies = await Promise.all([decide(chaoyang.token, id, 'publish'), decide(chaoyang2.token, id, 'return', '同时退回')]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(replies.find((r) => r.status === 409)!.body.error.code).toBe('invalid_proposal_transition');
    const [row] = await sql<{ status: string; n: string }>(
      `select p.status, (select count(*) from public.project_proposal_events e where e.proposal_id = p.id and e.from_status = 'submitted') as n
       from public.project_proposals p where p.id = $1`,
      [id],
    );
    expect(Number(row!.n)).toBe(1);
    const winner = replies.find((r) => r.status === 200)!.body.proposal;
    expect(row!.status).toBe(winner.status);
    const projects = await sql('select 1 from public.project_demands where demand_id = $1', [demand.id]);
    expect(projects).toHaveLength(winner.status === 'published' ? 1 : 0);
  });
});

describe('scope', () => {
  it('an institution sees and edits only its own proposals', async () => {
    const demand = await publishedDemand();
    const id = (await propose(ins001.token, [demand.id])).body.proposal.id as string;
    const theirs = await api.get('/api/proposals', { token: ins002.token });
    expect(theirs.body.items.map((p: { id: string }) => p.id)).not.toContain(id);
    expectRefusal(await api.get(`/api/proposals/${id}`, { token: ins002.token }), 404, 'proposal_not_found');
    expectRefusal(await api.put(`/api/proposals/${id}`, await proposalBody([demand.id]), { token: ins002.token }), 404, 'proposal_not_found');
    expectRefusal(await submit(ins002.token, id), 404, 'proposal_not_found');
    const mine = await api.get('/api/proposals', { token: ins001b.token });
    expect(mine.body.items.map((p: { id: string }) => p.id)).toContain(id);
    expect(mine.body.totals.draft).toBeGreaterThanOrEqual(1);
  });

  it('a district reviewer sees and decides only its district, with totals per status; admins every district', async () => {
    const demand = await publishedDemand();
    const inChaoyang = await submitted([demand.id]);
    const inHaidian = await submitted([demand.id], {}, ins002.token);

    const queue = await api.get('/api/review/proposals', { token: chaoyang.token });
    expect(queue.body.items.map((p: { id: string }) => p.id)).toContain(inChaoyang);
    expect(queue.body.items.map((p: { id: string }) => p.id)).not.toContain(inHaidian);
    expect(queue.body.items.every((p: { status: string; district: string }) => p.status === 'submitted' && p.district === '110105')).toBe(true);
    const [counts] = await sql<{ submitted: string; returned: string }>(
      `select count(*) filter (where status = 'submitted') as submitted, count(*) filter (where status = 'returned') as returned
       from public.project_proposals where district = '110105'`,
    );
    expect(queue.body.totals).toMatchObject({ submitted: Number(counts!.submitted), returned: Number(counts!.returned) });
    expect(queue.body.totals).not.toHaveProperty('draft');
    expect((await api.get('/api/review/proposals?district=110108', { token: chaoyang.token })).body.items).toEqual([]);

    expectRefusal(await decide(chaoyang.token, inHaidian, 'publish'), 404, 'proposal_not_found');
    expectRefusal(await api.get(`/api/proposals/${inHaidian}`, { token: chaoyang.token }), 404, 'proposal_not_found');
    expect((await api.get(`/api/proposals/${inChaoyang}`, { token: chaoyang.token })).status).toBe(200);
    expect((await decide(haidian.token, inHaidian, 'publish')).status).toBe(200);

    const all = await api.get('/api/review/proposals?status=published', { token: admin.token });
    expect(all.body.items.map((p: { id: string }) => p.id)).toContain(inHaidian);
    expect((await decide(admin.token, inChaoyang, 'return', '管理员退回')).status).toBe(200);
  });

  it('reviewers register self-developed projects for their district; another reviewer decides; the source is published', async () => {
    const body = { source: 'mass_org', sourceName: '朝阳区总工会', institution: 'INS-001', district: '110105', submit: true };
    expectRefusal(await propose(chaoyang.token, [], { ...body, district: '110108' }), 403, 'not_allowed');
    const missing = await propose(chaoyang.token, [], { source: 'district' });
    expect(Object.keys(missing.body.error.fields).sort()).toEqual(['district', 'institution', 'sourceName']);
    const created = await propose(chaoyang.token, [], body);
    expect(created.status).toBe(201);
    const id = created.body.proposal.id as string;
    expect(created.body.proposal).toMatchObject({ source: 'mass_org', sourceName: '朝阳区总工会', status: 'submitted', demands: [] });
    // nobody decides their own proposal
    expectRefusal(await decide(chaoyang.token, id, 'publish'), 403, 'not_allowed');
    expect((await api.get('/api/proposals', { token: chaoyang.token })).body.items.map((p: { id: string }) => p.id)).toContain(id);
    const published = await decide(chaoyang2.token, id, 'publish');
    expect(published.status).toBe(200);
    const detail = await api.get(`/api/catalog/projects/${published.body.proposal.projectId}`);
    expect(detail.body.project).toMatchObject({ source: 'mass_org', sourceName: '朝阳区总工会' });
  });
});

describe('notifications to declarers and proposers', () => {
  const outbox = (userId: string, event: string) =>
    sql<{ payload: Record<string, unknown> }>('select payload from public.outbox where user_id = $1 and event = $2 order by id', [userId, event]);

  it('queues demand.reviewed for the declarer when a demand is published or returned', async () => {
    const someone = await person(api);
    const first = await api.post('/api/demands', await declaration({ submit: true }), { token: someone.token });
    const second = await api.post('/api/demands', await declaration({ submit: true }), { token: someone.token });
    await api.post(`/api/review/demands/${first.body.demand.id}/decision`, { decision: 'publish' }, { token: chaoyang.token });
    await api.post(`/api/review/demands/${second.body.demand.id}/decision`, { decision: 'return', reason: '请补充岗位说明' }, { token: chaoyang.token });
    const rows = await outbox(someone.userId, 'demand.reviewed');
    expect(rows.map((r) => r.payload)).toEqual([
      expect.objectContaining({ demandId: first.body.demand.id, code: first.body.demand.code, status: 'published', reason: null }),
      expect.objectContaining({ demandId: second.body.demand.id, status: 'returned', reason: '请补充岗位说明' }),
    ]);
    expect(JSON.stringify(rows)).not.toContain('13812341234');
  });

  it('queues proposal.reviewed for the proposer when a proposal is published or returned, not for submit or withdraw', async () => {
    const staff = await person(api, 'institution_staff', 'INS-001');
    const demand = await publishedDemand();
    const a = await submitted([demand.id], {}, staff.token);
    const b = await submitted([demand.id], {}, staff.token);
    await decide(chaoyang.token, a, 'return', '请写明实操课时');
    await submit(staff.token, a);
    await decide(chaoyang.token, a, 'publish');
    await withdraw(staff.token, b);
    const rows = await outbox(staff.userId, 'proposal.reviewed');
    expect(rows.map((r) => r.payload)).toEqual([
      expect.objectContaining({ proposalId: a, status: 'returned', reason: '请写明实操课时' }),
      expect.objectContaining({ proposalId: a, status: 'published', reason: null, projectId: expect.any(String) }),
    ]);
  });
});
