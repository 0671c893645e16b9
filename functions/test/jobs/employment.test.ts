/** Employment outcomes: a person's own report, staff records within their scope, bad input and pay sanity, the scoped list. */
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
let trainee: Account;
let stranger: Account;
let institutionCode: string;
let institutionStaff: Account;
let otherInstitutionStaff: Account;
let stationCode: string;
let stationStaff: Account;
let jobId: string;

beforeAll(async () => {
  occupation = await createOccupation();
  [trainee, stranger] = await Promise.all([workerWithProfile(api), workerWithProfile(api)]);
  const training = await completedTraining(trainee.userId, occupation);
  const other = await completedTraining(stranger.userId, occupation);
  const codeOf = async (classId: string) =>
    (await sql<{ code: string }>('select i.code from public.classes c join public.institutions i on i.id = c.institution_id where c.id = $1', [classId]))[0]!.code;
  institutionCode = await codeOf(training.classId);
  const otherCode = await codeOf(other.classId);
  stationCode = await createStation('110105');
  [institutionStaff, otherInstitutionStaff, stationStaff] = await Promise.all([
    account(api, [{ role: 'institution_staff', scope: institutionCode }]),
    account(api, [{ role: 'institution_staff', scope: otherCode }]),
    account(api, [{ role: 'station_staff', scope: stationCode }]),
  ]);
  jobId = await postJob(api, stationStaff.token, occupation.code);
});

describe('POST /api/me/employment', () => {
  it('refuses the anonymous', async () => {
    expect((await api.post('/api/me/employment', { employerName: '某公司', hiredOn: daysAgo(1) })).status).toBe(401);
  });

  it('refuses bad input and insane pay, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ hiredOn: daysAgo(1) }, 'employerName'],
      [{ employerName: '某公司', hiredOn: daysAgo(-2) }, 'hiredOn'],
      [{ employerName: '某公司', hiredOn: daysAgo(4 * 365) }, 'hiredOn'],
      [{ employerName: '某公司', hiredOn: '2026-02-30x' }, 'hiredOn'],
      [{ employerName: '某公司', hiredOn: daysAgo(1), monthlyPay: 50 }, 'monthlyPay'],
      [{ employerName: '某公司', hiredOn: daysAgo(1), monthlyPay: 12_000_000 }, 'monthlyPay'],
      [{ employerName: '某公司', hiredOn: daysAgo(1), monthlyPay: '8000' }, 'monthlyPay'],
      [{ employerName: '某公司', hiredOn: daysAgo(1), occupation: 'abc' }, 'occupation'],
    ];
    for (const [body, field] of cases) {
      const reply = await api.post('/api/me/employment', body, { token: trainee.token });
      expectRefusal(reply, 400, 'invalid_input');
      expect(Object.keys(reply.body.error.fields), JSON.stringify(body)).toEqual([field]);
    }
  });

  it('records the report once; a repeat answers the same record', async () => {
    const body = { employerName: '示例物业公司', occupation: occupation.code, hiredOn: daysAgo(3), monthlyPay: 7200 };
    const first = await api.post('/api/me/employment', body, { token: trainee.token });
    expect(first.status).toBe(201);
    expect(first.body.outcome).toMatchObject({ employerName: '示例物业公司', hiredOn: daysAgo(3), monthlyPay: 7200, source: 'self', person: null });
    const again = await api.post('/api/me/employment', body, { token: trainee.token });
    expect(again.body.outcome.id).toBe(first.body.outcome.id);
    const rows = await sql('select source, recorded_by from public.employment_outcomes where user_id = $1', [trainee.userId]);
    expect(rows).toEqual([{ source: 'self', recorded_by: trainee.userId }]);
  });

  it('ties a report to a job only when the person marked interest in it, taking its employer', async () => {
    expectRefusal(await api.post('/api/me/employment', { jobId, hiredOn: daysAgo(0) }, { token: trainee.token }), 422, 'employment_job_not_interested');
    await api.post(`/api/jobs/${jobId}/interest`, { consentToShareContact: true }, { token: trainee.token });
    const reply = await api.post('/api/me/employment', { jobId, hiredOn: daysAgo(0) }, { token: trainee.token });
    expect(reply.status).toBe(201);
    expect(reply.body.outcome).toMatchObject({ jobId, occupation: { code: occupation.code } });
    expect(reply.body.outcome.employerName).toMatch(/^测试用人单位/);
  });
});

describe('POST /api/employment-outcomes', () => {
  const record = (token: string, body: Record<string, unknown>) => api.post('/api/employment-outcomes', body, { token });

  it('lets an institution record for people enrolled in its classes only', async () => {
    const ok = await record(institutionStaff.token, { userId: trainee.userId, employerName: '示例养老院', hiredOn: daysAgo(10), monthlyPay: 6500 });
    expect(ok.status).toBe(201);
    expect(ok.body.outcome).toMatchObject({ source: 'institution', person: { userId: trainee.userId, name: '王**' } });
    expectRefusal(
      await record(otherInstitutionStaff.token, { userId: trainee.userId, employerName: '示例养老院', hiredOn: daysAgo(10) }),
      403,
      'employment_person_out_of_scope',
    );
    expectRefusal(
      await record(institutionStaff.token, { userId: trainee.userId, employerName: '示例养老院', hiredOn: daysAgo(10), institutionCode: 'INS-NOTMINE' }),
      403,
      'not_allowed',
    );
  });

  it('lets a station record for people it referred (consented interest in its job), not others', async () => {
    const ok = await record(stationStaff.token, { userId: trainee.userId, employerName: '示例物流公司', hiredOn: daysAgo(2) });
    expect(ok.status).toBe(201);
    expect(ok.body.outcome).toMatchObject({ source: 'station', stationCode });
    expectRefusal(await record(stationStaff.token, { userId: stranger.userId, employerName: '示例物流公司', hiredOn: daysAgo(2) }), 403, 'employment_person_out_of_scope');
  });

  it('refuses workers, the anonymous and bad input', async () => {
    expectRefusal(await record(stranger.token, { userId: trainee.userId, employerName: '示例', hiredOn: daysAgo(1) }), 403, 'forbidden');
    expect((await api.post('/api/employment-outcomes', { userId: trainee.userId, employerName: '示例公司', hiredOn: daysAgo(1) })).status).toBe(401);
    const bad = await record(institutionStaff.token, { userId: 'nope', employerName: '示例公司', hiredOn: daysAgo(1), monthlyPay: -1 });
    expectRefusal(bad, 400, 'invalid_input');
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['monthlyPay', 'userId']);
  });

  it('lists what each staff role covers, names masked', async () => {
    const mine = await api.get('/api/employment-outcomes', { token: institutionStaff.token });
    expect(mine.status).toBe(200);
    const users = mine.body.items.map((o: { person: { userId: string } }) => o.person.userId);
    expect(users).toContain(trainee.userId);
    expect(users).not.toContain(stranger.userId);
    expect(JSON.stringify(mine.body)).not.toContain('王小明');
    const theirs = await api.get('/api/employment-outcomes', { token: otherInstitutionStaff.token });
    expect(theirs.body.items.map((o: { person: { userId: string } }) => o.person.userId)).not.toContain(trainee.userId);
    expectRefusal(await api.get('/api/employment-outcomes', { token: trainee.token }), 403, 'not_allowed');
  });
});
