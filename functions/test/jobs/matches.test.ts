/** 为您推荐的岗位: fit, order (derived here from the documented rule), reasons, the empty case and permissions. */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { completedTraining } from '../certificates/support';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import { certificateFor } from '../subsidies/support';
import { account, createOccupation, createStation, postJob, salaryGuide, workerWithProfile, type Account, type TestOccupation } from './support';

const api = apiClient(inject('stackUrl'));

interface Posted {
  id: string;
  certificate: boolean;
  district: string;
  payMin: number | null;
  payMax: number | null;
  median: number | null;
  order: number;
}

let electric: TestOccupation; // the person holds a 四级 certificate
let care: TestOccupation; // the person completed a class (target level 四级)
let unrelated: TestOccupation;
let person: Account;
let chaoyang: Account;
let haidian: Account;
const posted: Posted[] = [];
const excluded: string[] = [];

beforeAll(async () => {
  [electric, care, unrelated] = await Promise.all([createOccupation(), createOccupation(), createOccupation()]);
  await sql(`update public.occupations set levels = '{5,4,3,2,1}' where id = $1`, [electric.id]);
  await salaryGuide(electric, '5', 96000, 'yuan_per_year'); // 8000 元/月
  await salaryGuide(electric, '4', 9000);
  await salaryGuide(care, '5', 6000);
  const [cy, hd] = await Promise.all([createStation('110105'), createStation('110108')]);
  [chaoyang, haidian] = await Promise.all([
    account(api, [{ role: 'station_staff', scope: cy }]),
    account(api, [{ role: 'station_staff', scope: hd }]),
  ]);
  person = await workerWithProfile(api, { district: '110105' });
  await certificateFor(person.userId, { occupation: electric, level: '4' });
  await completedTraining(person.userId, care);

  // Posted one after another, so later ones are fresher.
  const post = async (by: Account, occupation: TestOccupation, fields: Record<string, unknown>, expect: Omit<Posted, 'id' | 'order'> | null) => {
    const id = await postJob(api, by.token, occupation.code, fields);
    if (expect) posted.push({ id, ...expect, order: posted.length + excluded.length });
    else excluded.push(id);
  };
  const near = { district: '110105' };
  const far = { district: '110108' };
  await post(chaoyang, electric, { ...near, level: '4', payMin: 9000, payMax: 11160 }, { certificate: true, ...near, payMin: 9000, payMax: 11160, median: 9000 });
  await post(chaoyang, electric, { ...near, level: '5', payMin: 7600, payMax: 7600 }, { certificate: true, ...near, payMin: 7600, payMax: 7600, median: 8000 });
  await post(haidian, electric, { ...far, level: '4', payMin: 15000, payMax: 16000 }, { certificate: true, ...far, payMin: 15000, payMax: 16000, median: 9000 });
  await post(chaoyang, electric, { ...near, level: null, payMin: null, payMax: null }, { certificate: true, ...near, payMin: null, payMax: null, median: 8000 });
  await post(chaoyang, care, { ...near, level: null, payMin: 9000, payMax: 9000 }, { certificate: false, ...near, payMin: 9000, payMax: 9000, median: 6000 });
  await post(chaoyang, care, { ...near, level: '5', payMin: 5000, payMax: 6000 }, { certificate: false, ...near, payMin: 5000, payMax: 6000, median: 6000 });
  await post(chaoyang, electric, { ...near, level: '3', payMin: 20000, payMax: 20000 }, null); // level too high
  await post(chaoyang, unrelated, { ...near, level: null }, null); // another occupation
  const closed = await postJob(api, chaoyang.token, electric.code, { ...near, level: '4' });
  await api.post(`/api/jobs/${closed}/close`, {}, { token: chaoyang.token });
  excluded.push(closed);
  const expired = await postJob(api, chaoyang.token, electric.code, { ...near, level: '4' });
  await sql('update public.jobs set valid_until = public.beijing_today() - 1 where id = $1', [expired]);
  excluded.push(expired);
});

/** The documented pay figure: midpoint of the range (or the one figure), as a whole percent of the monthly median. */
function percentOf(p: Posted): number | null {
  const pay = p.payMin !== null && p.payMax !== null ? (p.payMin + p.payMax) / 2 : (p.payMin ?? p.payMax);
  return pay === null || p.median === null ? null : Math.round((100 * (pay - p.median)) / p.median);
}

describe('GET /api/me/job-matches', () => {
  it('orders certificate → same district → pay versus median → freshness and leaves out what does not fit', async () => {
    const expected = [...posted]
      .sort((a, b) => {
        const key = (p: Posted) => [p.certificate ? 1 : 0, p.district === '110105' ? 1 : 0, percentOf(p) ?? 0, p.order];
        const [ka, kb] = [key(a), key(b)];
        for (let i = 0; i < ka.length; i += 1) if (ka[i] !== kb[i]) return kb[i]! - ka[i]!;
        return 0;
      })
      .map((p) => p.id);
    const reply = await api.get('/api/me/job-matches', { token: person.token });
    expect(reply.status).toBe(200);
    const ids = reply.body.items.map((m: { job: { id: string } }) => m.job.id).filter((id: string) => [...posted.map((p) => p.id), ...excluded].includes(id));
    expect(ids).toEqual(expected);
    expect(reply.body.hint).toBeNull();
  });

  it('explains each match in one line', async () => {
    const reply = await api.get('/api/me/job-matches', { token: person.token });
    const reasonOf = (id: string) => reply.body.items.find((m: { job: { id: string } }) => m.job.id === id)?.reason;
    const [first, low, far, noPay, training] = posted;
    expect(reasonOf(first!.id)).toBe(`您持有${electric.name}四级证书 · 同在朝阳区 · 高于本职业中位数 ${percentOf(first!)}%`);
    expect(reasonOf(low!.id)).toBe(`您持有${electric.name}四级证书 · 同在朝阳区 · 低于本职业中位数 ${-percentOf(low!)!}%`);
    expect(reasonOf(far!.id)).toBe(`您持有${electric.name}四级证书 · 位于海淀区 · 高于本职业中位数 ${percentOf(far!)}%`);
    expect(reasonOf(noPay!.id)).toBe(`您持有${electric.name}四级证书 · 同在朝阳区`);
    expect(reasonOf(training!.id)).toBe(`您已完成${care.name}培训 · 同在朝阳区 · 高于本职业中位数 ${percentOf(training!)}%`);
    const match = reply.body.items.find((m: { job: { id: string } }) => m.job.id === first!.id);
    expect(match.job.payComparison.percent).toBe(percentOf(first!));
    expect(JSON.stringify(reply.body)).not.toContain('13700001111');
  });

  it('gives a person with nothing an empty list and a helpful hint', async () => {
    const nobody = await workerWithProfile(api);
    const reply = await api.get('/api/me/job-matches', { token: nobody.token });
    expect(reply.status).toBe(200);
    expect(reply.body.items).toEqual([]);
    expect(reply.body.hint).toMatch(/报名培训/);
  });

  it('tells a qualified person when no job fits yet', async () => {
    const someone = await workerWithProfile(api);
    await certificateFor(someone.userId, { occupation: unrelated, level: '5' });
    await sql(`update public.jobs set status = 'closed', closed_at = now() where occupation_id = $1`, [unrelated.id]);
    const reply = await api.get('/api/me/job-matches', { token: someone.token });
    expect(reply.body).toMatchObject({ items: [], hint: expect.stringMatching(/暂时没有/) });
  });

  it('refuses the anonymous and a forged token with 401', async () => {
    expect((await api.get('/api/me/job-matches')).status).toBe(401);
    expect((await api.get('/api/me/job-matches', { token: 'forged' })).status).toBe(401);
  });
});
