/** Each rule at its boundaries through the API (pure pre-check and the database's re-check), and the SQL twin agreeing with the pure module. */
import { describe, expect, inject, it } from 'vitest';
import { SEED_SUBSIDY_RULES, checkSubsidy, dayjs } from '@jz/shared';
import { sql } from '../harness/db';
import { apiClient } from '../support/api';
import { createOccupation } from '../certificates/support';
import {
  applicant,
  apply,
  certificateFor,
  daysFromToday,
  issuedWithDeadlineToday,
  occupationAllLevels,
  priorApplication,
  sqlFailedRules,
  today,
  type Applicant,
} from './support';

const api = apiClient(inject('stackUrl'));

async function check(person: Applicant, certificateId: string, drawsPension: boolean | 'omit' = false) {
  const reply = await api.post('/api/subsidies/check', { certificateId, ...(drawsPension === 'omit' ? {} : { drawsPension }) }, { token: person.token });
  expect(reply.status).toBe(200);
  return reply.body as { eligible: boolean; amount: number; rules: Array<{ rule: string; passed: boolean; explanation: string }> };
}

const failedOf = (c: Awaited<ReturnType<typeof check>>) => c.rules.filter((r) => !r.passed).map((r) => r.rule);

/** Pre-check, SQL twin and submission all say the same: eligible (201) or refused for `rule`. */
async function expectOutcome(person: Applicant, certificateId: string, rule: string | null) {
  const pre = await check(person, certificateId);
  const twin = await sqlFailedRules(person.userId, certificateId);
  expect(twin).toEqual(failedOf(pre));
  const submitted = await apply(api, person.token, certificateId);
  if (rule === null) {
    expect(pre.eligible).toBe(true);
    expect(submitted.status).toBe(201);
  } else {
    expect(failedOf(pre)).toContain(rule);
    expect(submitted.status).toBe(422);
    expect(submitted.body.error.code).toBe(`subsidy_rule_${failedOf(pre)[0]}`);
    expect(submitted.body.error.fields[rule]).toMatch(/./);
  }
  return { pre, submitted };
}

describe('POST /api/subsidies/check', () => {
  it('passes every rule for a key-group worker with a fresh 四级 certificate, with the amount and explanations', async () => {
    const person = await applicant(api);
    const cert = await certificateFor(person.userId, { level: '4' });
    const result = await check(person, cert.id);
    expect(result).toMatchObject({ eligible: true, amount: 1500 });
    expect(result.rules.map((r) => r.rule)).toEqual([
      'certificate_valid', 'person_category', 'age', 'no_pension', 'deadline', 'one_per_certificate',
      'same_occupation_level', 'lower_level', 'annual_cap', 'amount',
    ]);
    expect(result.rules.every((r) => r.passed && r.explanation.length > 0)).toBe(true);
  });

  it('asks for the pension declaration when it is not given, and refuses one who draws a pension', async () => {
    const person = await applicant(api);
    const cert = await certificateFor(person.userId);
    const undeclared = await check(person, cert.id, 'omit');
    expect(undeclared.eligible).toBe(false);
    expect(failedOf(undeclared)).toEqual(['no_pension']);
    expect(failedOf(await check(person, cert.id, true))).toEqual(['no_pension']);
    expect(await sqlFailedRules(person.userId, cert.id, true)).toEqual(['no_pension']);
    expect(await sqlFailedRules(person.userId, cert.id, null)).toEqual(['no_pension']);
  });

  it('uses the amounts of each level from the rules table', async () => {
    const person = await applicant(api);
    const occupation = await occupationAllLevels();
    const amounts: Record<string, number> = {};
    for (const level of ['5', '4', '3', '2', '1'] as const) {
      const cert = await certificateFor(person.userId, { occupation, level });
      amounts[level] = (await check(person, cert.id)).amount;
    }
    const special = await certificateFor(person.userId, { level: 'special' });
    amounts.special = (await check(person, special.id)).amount;
    expect(amounts).toEqual({ '5': 1000, '4': 1500, '3': 2000, '2': 2500, '1': 3000, special: 800 });
  });

  it('answers 404 for a certificate of someone else and 401 without a session', async () => {
    const owner = await applicant(api);
    const other = await applicant(api);
    const cert = await certificateFor(owner.userId);
    const reply = await api.post('/api/subsidies/check', { certificateId: cert.id }, { token: other.token });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('certificate_not_found');
    expect((await api.post('/api/subsidies/check', { certificateId: cert.id })).status).toBe(401);
  });

  it('refuses bad input with fields', async () => {
    const person = await applicant(api);
    const reply = await api.post('/api/subsidies/check', { certificateId: 'nope', drawsPension: 'no' }, { token: person.token });
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.body.error.fields).sort()).toEqual(['certificateId', 'drawsPension']);
  });
});

describe('each rule through the API and the database', () => {
  it('deadline: the last day (issue date + 12 months) is accepted', async () => {
    const person = await applicant(api);
    const cert = await certificateFor(person.userId, { issuedOn: issuedWithDeadlineToday() });
    const { pre } = await expectOutcome(person, cert.id, null);
    expect(pre.rules.find((r) => r.rule === 'deadline')!.explanation).toContain('在期限内');
  });

  it('deadline: the day after is refused', async () => {
    const person = await applicant(api);
    const issued = dayjs(issuedWithDeadlineToday()).subtract(1, 'day').format('YYYY-MM-DD');
    const cert = await certificateFor(person.userId, { issuedOn: issued });
    await expectOutcome(person, cert.id, 'deadline');
  });

  it('age: 16 today is accepted, 16 tomorrow is refused', async () => {
    // The profile form refuses ID numbers of people under 16, so the birth date is set directly.
    const sixteenToday = dayjs(today()).subtract(16, 'year').format('YYYY-MM-DD');
    const sixteenTomorrow = dayjs(today()).add(1, 'day').subtract(16, 'year').format('YYYY-MM-DD');
    const old = await applicant(api);
    await sql(`update public.profiles set birth_date = $2 where user_id = $1`, [old.userId, sixteenToday]);
    await expectOutcome(old, (await certificateFor(old.userId)).id, null);
    const young = await applicant(api);
    await sql(`update public.profiles set birth_date = $2 where user_id = $1`, [young.userId, sixteenTomorrow]);
    const { pre } = await expectOutcome(young, (await certificateFor(young.userId)).id, 'age');
    expect(pre.rules.find((r) => r.rule === 'age')!.explanation).toContain('15周岁');
  });

  it('person category: each key group is accepted; employees and others are refused', async () => {
    for (const category of ['rural_migrant', 'unemployed_graduate', 'registered_unemployed', 'hard_to_employ'] as const) {
      const p = await applicant(api, { category });
      await expectOutcome(p, (await certificateFor(p.userId)).id, null);
    }
    for (const category of ['employee', 'other'] as const) {
      const p = await applicant(api, { category });
      await expectOutcome(p, (await certificateFor(p.userId)).id, 'person_category');
    }
  });

  it('a person without a profile is refused for category and age', async () => {
    const p = await applicant(api, { profile: false });
    const cert = await certificateFor(p.userId);
    const { pre } = await expectOutcome(p, cert.id, 'person_category');
    expect(failedOf(pre)).toEqual(['person_category', 'age']);
  });

  it('a revoked certificate is refused', async () => {
    const p = await applicant(api);
    await expectOutcome(p, (await certificateFor(p.userId, { status: 'revoked' })).id, 'certificate_valid');
  });

  it('annual cap: the 3rd claim of the year is accepted, the 4th refused; rejected and last year\'s claims do not count', async () => {
    const p = await applicant(api);
    for (let i = 0; i < 2; i += 1) await priorApplication(p.userId, await certificateFor(p.userId));
    await priorApplication(p.userId, await certificateFor(p.userId), { status: 'rejected' });
    await priorApplication(p.userId, await certificateFor(p.userId), { appliedOn: `${Number(today().slice(0, 4)) - 1}-12-31` });
    await expectOutcome(p, (await certificateFor(p.userId)).id, null);
    const { pre } = await expectOutcome(p, (await certificateFor(p.userId)).id, 'annual_cap');
    expect(pre.rules.find((r) => r.rule === 'annual_cap')!.explanation).toContain('已申请3次');
  });

  it('same occupation and level is paid once (another certificate of the same level is refused)', async () => {
    const p = await applicant(api);
    const occupation = await createOccupation();
    await expectOutcome(p, (await certificateFor(p.userId, { occupation, level: '4' })).id, null);
    await expectOutcome(p, (await certificateFor(p.userId, { occupation, level: '4' })).id, 'same_occupation_level');
  });

  it('lower level after a higher one is refused; higher after lower is accepted', async () => {
    const p = await applicant(api);
    const occupation = await createOccupation();
    await expectOutcome(p, (await certificateFor(p.userId, { occupation, level: '4' })).id, null);
    await expectOutcome(p, (await certificateFor(p.userId, { occupation, level: '3' })).id, null);
    await expectOutcome(p, (await certificateFor(p.userId, { occupation, level: '5' })).id, 'lower_level');
  });

  it('one subsidy per certificate: a second application and a certificate claimed from unemployment insurance are refused', async () => {
    const p = await applicant(api);
    const cert = await certificateFor(p.userId);
    await expectOutcome(p, cert.id, null);
    await expectOutcome(p, cert.id, 'one_per_certificate');

    const other = await certificateFor(p.userId);
    await sql(`insert into public.external_subsidy_claims (user_id, certificate_id, claimed_on) values ($1, $2, $3)`, [p.userId, other.id, daysFromToday(-3)]);
    const { pre } = await expectOutcome(p, other.id, 'one_per_certificate');
    expect(pre.rules.find((r) => r.rule === 'one_per_certificate')!.explanation).toContain('失业保险');
  });

  it('other-fund claims count for the level rules but not for this fund\'s annual cap', async () => {
    const p = await applicant(api);
    const occupation = await createOccupation();
    const insured = await certificateFor(p.userId, { occupation, level: '3' });
    await sql(`insert into public.external_subsidy_claims (user_id, certificate_id, claimed_on) values ($1, $2, $3)`, [p.userId, insured.id, today()]);
    await expectOutcome(p, (await certificateFor(p.userId, { occupation, level: '4' })).id, 'lower_level');
    for (let i = 0; i < 2; i += 1) await priorApplication(p.userId, await certificateFor(p.userId));
    await expectOutcome(p, (await certificateFor(p.userId)).id, null);
  });

  it('a rejected or withdrawn application frees the certificate for a new one', async () => {
    const p = await applicant(api);
    const cert = await certificateFor(p.userId);
    const first = await apply(api, p.token, cert.id);
    expect(first.status).toBe(201);
    const withdrawn = await api.post(`/api/subsidies/${first.body.application.id}/withdraw`, {}, { token: p.token });
    expect(withdrawn.status).toBe(200);
    await expectOutcome(p, cert.id, null);
  });
});

describe('the SQL twin agrees with checkSubsidy on fixed-date boundaries', () => {
  /** subsidy_failed_rules on a chosen day against the pure module given the same facts. */
  async function both(userId: string, cert: { id: string; occupation: { code: string; name: string } }, level: '4', issuedOn: string, birthDate: string, day: string) {
    const [row] = await sql<{ r: { failed: string[] } }>(`select public.subsidy_failed_rules($1, $2, false, $3::date) as r`, [userId, cert.id, day]);
    const pure = checkSubsidy(SEED_SUBSIDY_RULES, {
      today: day,
      person: { category: 'rural_migrant', birthDate, drawsPension: false },
      certificate: { id: cert.id, status: 'valid', occupationCode: cert.occupation.code, occupationName: cert.occupation.name, level, issuedOn },
      claims: [],
    });
    return { sql: row!.r.failed, pure: pure.rules.filter((r) => !r.passed).map((r) => r.rule) };
  }

  it('29 Feb + 12 months is 28 Feb (last day), 1 Mar is late; born 1 Mar 2009: 15 on 28 Feb, 16 on 1 Mar', async () => {
    const p = await applicant(api);
    await sql(`update public.profiles set birth_date = '2009-03-01' where user_id = $1`, [p.userId]);
    const cert = await certificateFor(p.userId, { level: '4', issuedOn: '2024-02-29' });
    const cases: Array<[string, string[]]> = [
      ['2025-02-28', ['age']],
      ['2025-03-01', ['deadline']],
    ];
    for (const [day, expected] of cases) {
      const result = await both(p.userId, cert, '4', '2024-02-29', '2009-03-01', day);
      expect(result.sql, day).toEqual(expected);
      expect(result.pure, day).toEqual(expected);
    }
  });
});
