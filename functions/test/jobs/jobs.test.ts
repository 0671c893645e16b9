/** Jobs: the public list and detail, posting (stations for their district, reviewers), editing, closing, demands turned into jobs, job.match notifications. */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import { certificateFor } from '../subsidies/support';
import { declaration, expectRefusal, wantedBy } from '../supply/support';
import { account, createOccupation, createStation, jobInput, postJob, salaryGuide, workerWithProfile, type Account, type TestOccupation } from './support';

const api = apiClient(inject('stackUrl'));

let occupation: TestOccupation;
let stationCode: string;
let station: Account;
let otherStation: Account;
let reviewer: Account;
let worker: Account;

beforeAll(async () => {
  occupation = await createOccupation();
  await salaryGuide(occupation, '4', 108000, 'yuan_per_year');
  stationCode = await createStation('110105');
  const otherCode = await createStation('110105');
  [station, otherStation, reviewer, worker] = await Promise.all([
    account(api, [{ role: 'station_staff', scope: stationCode }]),
    account(api, [{ role: 'station_staff', scope: otherCode }]),
    account(api, [{ role: 'reviewer', scope: '110105' }]),
    account(api),
  ]);
});

describe('posting', () => {
  it('refuses the anonymous (401) and workers (403)', async () => {
    expect((await api.post('/api/jobs', jobInput(occupation.code))).status).toBe(401);
    expectRefusal(await api.post('/api/jobs', jobInput(occupation.code), { token: worker.token }), 403, 'forbidden');
  });

  it('names the field of bad input in Chinese', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ payMin: 9000, payMax: 8000 }, 'payMax'],
      [{ contactPhone: '12345' }, 'contactPhone'],
      [{ openings: 0 }, 'openings'],
      [{ validUntil: '2020-01-01' }, 'validUntil'],
      [{ level: '9' }, 'level'],
      [{ benefits: ['这一项福利的名字实在是太长了超过十二个字'] }, 'benefits.0'],
      [{ creditCode: '91350100M000100Y44' }, 'creditCode'],
    ];
    for (const [overrides, field] of cases) {
      const reply = await api.post('/api/jobs', jobInput(occupation.code, overrides), { token: station.token });
      expectRefusal(reply, 400, 'invalid_input');
      expect(Object.keys(reply.body.error.fields)).toContain(field);
      expect(reply.body.error.fields[field]).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('lets a station post only in its own district', async () => {
    const reply = await api.post('/api/jobs', jobInput(occupation.code, { district: '110108' }), { token: station.token });
    expectRefusal(reply, 403, 'job_outside_station_district');
    const other = await api.post('/api/jobs', jobInput(occupation.code, { stationCode }), { token: otherStation.token });
    expectRefusal(other, 403, 'not_allowed');
  });

  it('posts as the station, with the salary comparison; the contact phone never reaches the public', async () => {
    const reply = await api.post('/api/jobs', jobInput(occupation.code, { payMin: 9000, payMax: 11160 }), { token: station.token });
    expect(reply.status).toBe(201);
    expect(reply.body.job).toMatchObject({ source: 'station', stationCode, canManage: true, contact: { phone: '13700001111' } });
    // midpoint 10080 against 108000 元/年 ÷ 12 = 9000 元/月
    const expected = Math.round(((9000 + 11160) / 2 / (108000 / 12) - 1) * 100);
    expect(reply.body.job.payComparison).toMatchObject({ percent: expected, text: `高于本职业中位数 ${expected}%` });
    const id = reply.body.job.id;

    const list = await api.get(`/api/jobs?occupation=${occupation.code}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((j: { id: string }) => j.id)).toContain(id);
    expect(JSON.stringify(list.body)).not.toContain('13700001111');
    const detail = await api.get(`/api/jobs/${id}`);
    expect(detail.body.job).toMatchObject({ id, contact: null, canManage: false, myInterest: null, description: '测试用的岗位说明' });
    expect(JSON.stringify(detail.body)).not.toContain('13700001111');
    const events = await sql('select action from public.job_events where job_id = $1', [id]);
    expect(events).toEqual([{ action: 'posted' }]);
  });

  it('lets a district reviewer post an enterprise job, and refuses another district', async () => {
    const ok = await api.post('/api/jobs', jobInput(occupation.code), { token: reviewer.token });
    expect(ok.status).toBe(201);
    expect(ok.body.job.source).toBe('enterprise');
    expectRefusal(await api.post('/api/jobs', jobInput(occupation.code, { district: '110108' }), { token: reviewer.token }), 403, 'not_allowed');
  });
});

describe('the public list', () => {
  it('pages with a cursor, filters, and refuses bad filters naming them', async () => {
    const own = await createOccupation();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(await postJob(api, station.token, own.code, { title: `分页岗位${i}` }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const reply: { status: number; body: any } = await api.get(`/api/jobs?occupation=${own.code}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(reply.status).toBe(200);
      expect(reply.body.total).toBe(5);
      seen.push(...reply.body.items.map((j: { id: string }) => j.id));
      cursor = reply.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const byTitle = await api.get(`/api/jobs?occupation=${own.code}&q=${encodeURIComponent('分页岗位3')}`);
    expect(byTitle.body.items.map((j: { id: string }) => j.id)).toEqual([ids[3]]);
    const otherDistrict = await api.get(`/api/jobs?occupation=${own.code}&district=110108`);
    expect(otherDistrict.body.items).toEqual([]);

    for (const [query, field] of [['district=999999', 'district'], ['level=7', 'level'], ['limit=0', 'limit'], ['cursor=abc', 'cursor'], ['occupation=9-99-99-99', 'occupation']]) {
      const reply = await api.get(`/api/jobs?${query}`);
      expect(reply.status, query).toBe(400);
      expect(Object.keys(reply.body.error.fields)).toEqual([field]);
    }
    const wrongCursor = await api.get(`/api/jobs?occupation=${occupation.code}&cursor=${(await api.get(`/api/jobs?occupation=${own.code}&limit=1`)).body.nextCursor}`);
    expect(wrongCursor.status).toBe(400);
  });

  it('keeps the jobs a level may take, and drops expired ones', async () => {
    const own = await createOccupation();
    const any = await postJob(api, station.token, own.code, { level: null });
    const five = await postJob(api, station.token, own.code, { level: '5' });
    const three = await postJob(api, station.token, own.code, { level: '3' });
    const expired = await postJob(api, station.token, own.code, { level: '5' });
    await sql(`update public.jobs set valid_until = public.beijing_today() - 1 where id = $1`, [expired]);
    const forFour = await api.get(`/api/jobs?occupation=${own.code}&level=4`);
    expect(forFour.body.items.map((j: { id: string }) => j.id).sort()).toEqual([any, five].sort());
    const all = await api.get(`/api/jobs?occupation=${own.code}`);
    expect(all.body.items.map((j: { id: string }) => j.id).sort()).toEqual([any, five, three].sort());
    expect((await api.get(`/api/jobs/${expired}`)).status).toBe(404);
  });

  it('answers 404 for an unknown job and 400 for a malformed id', async () => {
    expect((await api.get('/api/jobs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await api.get('/api/jobs/nope')).body.error.fields).toHaveProperty('id');
  });
});

describe('editing and closing', () => {
  it('lets the posting station and the district reviewer edit, refuses another station, and closes once', async () => {
    const id = await postJob(api, station.token, occupation.code);
    const change: Record<string, unknown> = { ...jobInput(occupation.code), title: '改过的岗位', openings: 9 };
    for (const key of ['enterpriseName', 'creditCode', 'occupation', 'district']) delete change[key];
    expectRefusal(await api.put(`/api/jobs/${id}`, change, { token: otherStation.token }), 403, 'not_allowed');
    expectRefusal(await api.put(`/api/jobs/${id}`, { ...change, openings: -1 }, { token: station.token }), 400, 'invalid_input');
    const edited = await api.put(`/api/jobs/${id}`, change, { token: reviewer.token });
    expect(edited.status).toBe(200);
    expect(edited.body.job).toMatchObject({ title: '改过的岗位', openings: 9 });

    expectRefusal(await api.post(`/api/jobs/${id}/close`, {}, { token: otherStation.token }), 403, 'not_allowed');
    expect((await api.post(`/api/jobs/${id}/close`, {}, { token: station.token })).body.job.status).toBe('closed');
    expectRefusal(await api.post(`/api/jobs/${id}/close`, {}, { token: station.token }), 409, 'job_closed');
    expectRefusal(await api.put(`/api/jobs/${id}`, change, { token: station.token }), 409, 'job_closed');
    expect((await api.get(`/api/jobs/${id}`)).status).toBe(404);
    expect((await api.get(`/api/jobs/${id}`, { token: station.token })).body.job.status).toBe('closed');
    const actions = await sql<{ action: string }>('select action from public.job_events where job_id = $1 order by id', [id]);
    expect(actions.map((a) => a.action)).toEqual(['posted', 'updated', 'closed']);
  });
});

describe('from a demand', () => {
  async function publishedDemand(): Promise<string> {
    const declarer = await account(api);
    const declared = await api.post('/api/demands', await declaration({ occupation: occupation.code, level: '4', submit: true, stationCode: undefined }), { token: declarer.token });
    expect(declared.status).toBe(201);
    const id = declared.body.demand.id;
    const decided = await api.post(`/api/review/demands/${id}/decision`, { decision: 'publish' }, { token: reviewer.token });
    expect(decided.status).toBe(200);
    return id;
  }
  const fromDemand = (token: string, demandId: string) =>
    api.post('/api/jobs/from-demand', { demandId, title: '需求转岗位', openings: 4, validUntil: wantedBy(20), benefits: ['五险一金'] }, { token });

  it('turns a published demand into one job, once, even when two arrive together', async () => {
    const demandId = await publishedDemand();
    expectRefusal(await fromDemand(otherStation.token, demandId), 403, 'not_allowed');
    const replies = await Promise.all([fromDemand(reviewer.token, demandId), fromDemand(reviewer.token, demandId)]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    const made = replies.find((r) => r.status === 201)!.body.job;
    expect(made).toMatchObject({ source: 'demand', demandId, level: '4', payMin: 6000, payMax: 8000, contact: { name: '王经理', phone: '13812341234' } });
    expect(replies.find((r) => r.status === 409)!.body.error.code).toBe('job_exists_for_demand');
  });

  it('refuses bad input and unknown demands', async () => {
    const bad = await api.post('/api/jobs/from-demand', { demandId: 'x', title: '', openings: 1, validUntil: wantedBy(5) }, { token: reviewer.token });
    expectRefusal(bad, 400, 'invalid_input');
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['demandId', 'title']);
    expectRefusal(await fromDemand(reviewer.token, '00000000-0000-4000-8000-000000000000'), 404, 'demand_not_found');
  });
});

describe('job.match notifications', () => {
  it('queues one per fitting certificate holder and job, never for a lower level or the wrong occupation, within the cap', async () => {
    const own = await createOccupation();
    await sql(`update public.occupations set levels = '{5,4,3,2,1}' where id = $1`, [own.id]);
    const [near, far, low, other] = await Promise.all([
      workerWithProfile(api),
      workerWithProfile(api, { district: '110108' }),
      workerWithProfile(api),
      workerWithProfile(api),
    ]);
    await certificateFor(near.userId, { occupation: own, level: '3' });
    await certificateFor(far.userId, { occupation: own, level: '4' });
    await certificateFor(low.userId, { occupation: own, level: '5' });
    await certificateFor(other.userId, { level: '4' });
    const id = await postJob(api, station.token, own.code, { level: '4' });
    const rows = await sql<{ user_id: string; event: string; payload: { jobId: string }; dedupe_key: string }>(
      `select user_id, event, payload, dedupe_key from public.outbox where event = 'job.match' and payload ->> 'jobId' = $1`,
      [id],
    );
    expect(rows.map((r) => r.user_id).sort()).toEqual([near.userId, far.userId].sort());
    expect(rows[0]).toMatchObject({ event: 'job.match', payload: { jobId: id, title: '测试岗位' } });
    expect(rows.map((r) => r.dedupe_key).sort()).toEqual([`job.match:${id}:${near.userId}`, `job.match:${id}:${far.userId}`].sort());
    expect(JSON.stringify(rows)).not.toContain('13700001111');

    // again: nothing new (deduped); with a cap of 1 on a new job, the same-district holder is chosen
    await sql('select public.enqueue_job_matches($1)', [id]);
    expect((await sql(`select 1 from public.outbox where payload ->> 'jobId' = $1`, [id])).length).toBe(2);
    const capped = await postJob(api, station.token, own.code, { level: '4' });
    await sql(`delete from public.outbox where payload ->> 'jobId' = $1`, [capped]);
    const [counted] = await sql<{ n: number }>('select public.enqueue_job_matches($1, 1) as n', [capped]);
    expect(counted?.n).toBe(1);
    expect(await sql(`select user_id from public.outbox where payload ->> 'jobId' = $1`, [capped])).toEqual([{ user_id: near.userId }]);

    const template = await sql(`select page from public.notification_templates where event = 'job.match'`);
    expect(template).toEqual([{ page: 'pages/job/index' }]);
  });
});
