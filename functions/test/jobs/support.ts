/** Test data for the jobs suite: stations, occupations with salary guides, people with profiles, jobs through the API. */
import { randomInt } from 'node:crypto';
import { residentIdCheckChar } from '@jz/shared';
import { createOccupation, type TestOccupation } from '../certificates/support';
import { sql } from '../harness/db';
import { uniqueName, type ApiClient } from '../support/api';
import { validProfile } from '../support/people';
import { testCreditCode, wantedBy } from '../supply/support';

export { createOccupation, type TestOccupation };

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

/** A valid resident ID number no other suite makes: area 997xxx (not a real area), random birth date and sequence. */
export function jobsResidentId(): string {
  const birth = `19${70 + randomInt(30)}0${1 + randomInt(9)}1${randomInt(10)}`;
  const first17 = `997${digits(3)}${birth}${digits(3)}`;
  return first17 + residentIdCheckChar(first17);
}

/** An active station of its own in the district. */
export async function createStation(district = '110105'): Promise<string> {
  for (;;) {
    const code = `STA-${district}-${digits(3)}`;
    const rows = await sql(
      `insert into public.stations (code, name, district) values ($1, $2, $3) on conflict do nothing returning id`,
      [code, `测试服务站${code}${digits(4)}`, district],
    );
    if (rows.length) return code;
  }
}

/** A salary guide row for the occupation, at a level, in 元/月 or 元/年. */
export async function salaryGuide(occupation: TestOccupation, level: string, p50: number, unit: 'yuan_per_month' | 'yuan_per_year' = 'yuan_per_month') {
  await sql(
    `insert into public.salary_guides (year, occupation_id, level, p10, p25, p50, p75, p90, unit, source)
     values (2025, $1, $2, $3, $3, $3, $3, $3, $4, '测试')`,
    [occupation.id, level, p50, unit],
  );
}

export interface Account {
  token: string;
  userId: string;
}

export async function account(api: ApiClient, roles?: { role: string; scope?: string }[]): Promise<Account> {
  const login = await api.devLogin(uniqueName(roles ? '员工' : '学员'), roles as never);
  return { token: login.token, userId: login.user.id };
}

/** A worker with a saved profile (district 朝阳区 unless told otherwise). */
export async function workerWithProfile(api: ApiClient, overrides: Record<string, unknown> = {}): Promise<Account & { mobile: string }> {
  const person = await account(api);
  const mobile = `139${digits(8)}`;
  const reply = await api.put('/api/me/profile', validProfile({ idNumber: jobsResidentId(), mobile, ...overrides }), { token: person.token });
  if (reply.status !== 200) throw new Error(`profile: ${reply.status} ${JSON.stringify(reply.body)}`);
  return { ...person, mobile };
}

export function jobInput(occupation: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    enterpriseName: uniqueName('测试用人单位'),
    creditCode: testCreditCode(),
    title: '测试岗位',
    occupation,
    level: '4',
    openings: 3,
    payMin: 8000,
    payMax: 10000,
    district: '110105',
    address: '朝阳区测试路1号',
    benefits: ['五险一金', '包午餐'],
    description: '测试用的岗位说明',
    contactName: '刘经理',
    contactPhone: '13700001111',
    validUntil: wantedBy(30),
    ...overrides,
  };
}

/** Posts a job as the given staff member and answers its id. */
export async function postJob(api: ApiClient, token: string, occupation: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const reply = await api.post('/api/jobs', jobInput(occupation, overrides), { token });
  if (reply.status !== 201) throw new Error(`post job: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.job.id;
}
