/** 工作台 reads: the jobs a manager looks after (scope, status, interest by consent), a person's own employment record, the people lookup for 就业登记. */
import { beijingToday } from '@jz/shared';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { completedTraining } from '../certificates/support';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import { expectRefusal } from '../supply/support';
import { account, createOccupation, createStation, postJob, workerWithProfile, type Account, type TestOccupation } from './support';

const api = apiClient(inject('stackUrl'));

const daysAgo = (n: number) => new Date(Date.parse(`${beijingToday()}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

let occupation: TestOccupation;
let stationCode: string;
let station: Account;
let otherStation: Account;
let reviewer: Account;
let otherReviewer: Account;
let consenting: Account & { mobile: string };
let shy: Account & { mobile: string };
let trainee: Account & { mobile: string };
let stranger: Account & { mobile: string };
let openJob: string;
let expiredJob: string;
let closedJob: string;
let othersJob: string;

beforeAll(async () => {
  occupation = await createOccupation();
  stationCode = await createStation('110105');
  const otherCode = await createStation('110105');
  [station, otherStation, reviewer, otherReviewer] = await Promise.all([
    account(api, [{ role: 'station_staff', scope: stationCode }]),
    account(api, [{ role: 'station_staff', scope: otherCode }]),
    account(api, [{ role: 'reviewer', scope: '110105' }]),
    account(api, [{ role: 'reviewer', scope: '110108' }]),
  ]);
  [consenting, shy, trainee, stranger] = await Promise.all([
    workerWithProfile(api, { realName: '赵一鸣' }),
    workerWithProfile(api, { realName: '钱二丫' }),
    workerWithProfile(api, { realName: '孙三立' }),
    workerWithProfile(api, { realName: '李四海' }),
  ]);
  openJob = await postJob(api, station.token, occupation.code, { title: '在招的岗位' });
  expiredJob = await postJob(api, station.token, occupation.code, { title: '过期的岗位' });
  closedJob = await postJob(api, station.token, occupation.code, { title: '停招的岗位' });
  othersJob = await postJob(api, otherStation.token, occupation.code, { title: '别站的岗位' });
  await sql(`update public.jobs set valid_until = public.beijing_today() - 1 where id = $1`, [expiredJob]);
  const closed = await api.post(`/api/jobs/${closedJob}/close`, {}, { token: station.token });
  expect(closed.status).toBe(200);
  for (const [person, consent] of [[consenting, true], [shy, false], [stranger, false]] as const) {
    const reply = await api.post(`/api/jobs/${openJob}/interest`, { consentToShareContact: consent }, { token: person.token });
    expect(reply.status).toBe(200);
  }
});

describe('GET /api/jobs/managed', () => {
  it('refuses the anonymous (401) and workers (403)', async () => {
    expect((await api.get('/api/jobs/managed')).status).toBe(401);
    expectRefusal(await api.get('/api/jobs/managed', { token: consenting.token }), 403, 'forbidden');
  });

  it('names the bad status in Chinese', async () => {
    const reply = await api.get('/api/jobs/managed?status=gone', { token: station.token });
    expectRefusal(reply, 400, 'invalid_input');
    expect(reply.body.error.fields.status).toMatch(/[\u4e00-\u9fa5]/);
  });

  it("lists the station's own jobs with counts per status and interest split by consent, no one else's", async () => {
    const reply = await api.get('/api/jobs/managed', { token: station.token });
    expect(reply.status).toBe(200);
    const byId = new Map(reply.body.items.map((j: { id: string }) => [j.id, j]));
    expect([...byId.keys()].sort()).toEqual([openJob, expiredJob, closedJob].sort());
    expect(reply.body.counts).toEqual({ open: 1, expired: 1, closed: 1 });
    expect(byId.get(openJob)).toMatchObject({
      shownStatus: 'open',
      status: 'open',
      consentedCount: 1,
      withoutConsentCount: 2,
      interestedCount: 3,
      canManage: true,
      contact: { name: '刘经理', phone: '13700001111' },
    });
    expect(byId.get(expiredJob)).toMatchObject({ shownStatus: 'expired', status: 'open', consentedCount: 0, withoutConsentCount: 0 });
    expect(byId.get(closedJob)).toMatchObject({ shownStatus: 'closed', status: 'closed' });
    expect(reply.body.items[0].payComparison === null || typeof reply.body.items[0].payComparison.text === 'string').toBe(true);
    // Interested people are counted here, never named: names and mobiles are only on /interested, and only with consent.
    expect(JSON.stringify(reply.body)).not.toContain(consenting.mobile);
    expect(JSON.stringify(reply.body)).not.toContain('赵一鸣');
  });

  it('filters by status while the counts still cover every status', async () => {
    for (const [status, id] of [['open', openJob], ['expired', expiredJob], ['closed', closedJob]] as const) {
      const reply = await api.get(`/api/jobs/managed?status=${status}`, { token: station.token });
      expect(reply.status).toBe(200);
      expect(reply.body.items.map((j: { id: string }) => j.id)).toEqual([id]);
      expect(reply.body.counts).toEqual({ open: 1, expired: 1, closed: 1 });
    }
  });

  it("shows the district's reviewer every job in the district, another district's reviewer none of them", async () => {
    const mine = await api.get('/api/jobs/managed', { token: reviewer.token });
    const ids = mine.body.items.map((j: { id: string }) => j.id);
    expect(ids).toEqual(expect.arrayContaining([openJob, expiredJob, closedJob, othersJob]));
    const theirs = await api.get('/api/jobs/managed', { token: otherReviewer.token });
    expect(theirs.status).toBe(200);
    const other = theirs.body.items.map((j: { id: string }) => j.id);
    for (const id of [openJob, expiredJob, closedJob, othersJob]) expect(other).not.toContain(id);
    const otherStationList = await api.get('/api/jobs/managed', { token: otherStation.token });
    expect(otherStationList.body.items.map((j: { id: string }) => j.id)).toEqual([othersJob]);
  });
});

describe('GET /api/me/employment', () => {
  it('refuses the anonymous', async () => {
    expect((await api.get('/api/me/employment')).status).toBe(401);
  });

  it("answers the person's own outcomes, newest hire first, reported or recorded for them, and nobody else's", async () => {
    expect((await api.get('/api/me/employment', { token: shy.token })).body).toEqual({ items: [] });
    const report = await api.post('/api/me/employment', { employerName: '早些的公司', hiredOn: daysAgo(40), monthlyPay: 6000 }, { token: consenting.token });
    expect(report.status).toBe(201);
    // The station referred them (consented interest in its job), so it may record a later hire.
    const recorded = await api.post('/api/employment-outcomes', { userId: consenting.userId, jobId: openJob, hiredOn: daysAgo(2) }, { token: station.token });
    expect(recorded.status).toBe(201);
    await api.post('/api/me/employment', { employerName: '别人的公司', hiredOn: daysAgo(1) }, { token: stranger.token });

    const reply = await api.get('/api/me/employment', { token: consenting.token });
    expect(reply.status).toBe(200);
    expect(reply.body.items.map((o: { hiredOn: string; source: string }) => [o.hiredOn, o.source])).toEqual([
      [daysAgo(2), 'station'],
      [daysAgo(40), 'self'],
    ]);
    expect(reply.body.items[0]).toMatchObject({ jobId: openJob, stationCode, person: null, occupation: { code: occupation.code } });
    expect(JSON.stringify(reply.body)).not.toContain('别人的公司');
  });
});

describe('GET /api/employment-outcomes/people', () => {
  let institution: Account;
  let otherInstitution: Account;

  beforeAll(async () => {
    const mine = await completedTraining(trainee.userId, occupation);
    const theirs = await completedTraining(stranger.userId, occupation);
    const codeOf = async (classId: string) =>
      (await sql<{ code: string }>('select i.code from public.classes c join public.institutions i on i.id = c.institution_id where c.id = $1', [classId]))[0]!.code;
    [institution, otherInstitution] = await Promise.all([
      account(api, [{ role: 'institution_staff', scope: await codeOf(mine.classId) }]),
      account(api, [{ role: 'institution_staff', scope: await codeOf(theirs.classId) }]),
    ]);
  });

  const people = (token: string, q?: string) =>
    api.get(`/api/employment-outcomes/people${q === undefined ? '' : `?q=${encodeURIComponent(q)}`}`, { token });
  const ids = (reply: { body: { items: { userId: string }[] } }) => reply.body.items.map((p) => p.userId);

  it('refuses the anonymous (401), workers and reviewers (403), and a search too long (400)', async () => {
    expect((await api.get('/api/employment-outcomes/people')).status).toBe(401);
    expectRefusal(await people(trainee.token), 403, 'forbidden');
    expectRefusal(await people(reviewer.token), 403, 'forbidden');
    const bad = await people(institution.token, '一'.repeat(21));
    expectRefusal(bad, 400, 'invalid_input');
    expect(bad.body.error.fields.q).toMatch(/[\u4e00-\u9fa5]/);
  });

  it("gives an institution the people enrolled in its classes, masked, with the class; not other institutions' people", async () => {
    const reply = await people(institution.token);
    expect(reply.status).toBe(200);
    expect(ids(reply)).toEqual([trainee.userId]);
    expect(reply.body.items[0]).toMatchObject({ name: '孙**', mobile: `${trainee.mobile.slice(0, 3)}****${trainee.mobile.slice(-4)}`, scope: { kind: 'institution' } });
    expect(reply.body.items[0].via).toContain('测试班');
    expect(JSON.stringify(reply.body)).not.toContain('孙三立');
    expect(JSON.stringify(reply.body)).not.toContain(trainee.mobile);
    expect(ids(await people(otherInstitution.token))).toEqual([stranger.userId]);
  });

  it('gives a station the people who consented to its jobs, not those who did not (shy, stranger)', async () => {
    const reply = await people(station.token);
    expect(ids(reply)).toEqual([consenting.userId]);
    expect(reply.body.items[0]).toMatchObject({ name: '赵**', scope: { kind: 'station', code: stationCode } });
    expect(reply.body.items[0].via).toContain('在招的岗位');
    expect(ids(await people(otherStation.token))).toEqual([]);
  });

  it('narrows by name or the last four digits of the mobile', async () => {
    expect(ids(await people(institution.token, '孙三'))).toEqual([trainee.userId]);
    expect(ids(await people(institution.token, '赵'))).toEqual([]);
    expect(ids(await people(institution.token, trainee.mobile.slice(-4)))).toEqual([trainee.userId]);
    const wrongDigits = String((Number(trainee.mobile.slice(-4)) + 1) % 10000).padStart(4, '0');
    expect(ids(await people(institution.token, wrongDigits))).toEqual([]);
  });
});
