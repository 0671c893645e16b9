/**
 * A funnel scenario written by SQL (each step's own writes are tested in their suites): a field of
 * its own (so no other test's data falls under the filter), institutions, classes, a station and
 * people whose path through 报名 → 结业 → 评价 → 取证 → 补贴 → 就业 is described as data, so the
 * tests can compute the expected counts from the description, independently of the SQL.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { PersonCategory } from '@jz/shared';
import { sql } from '../harness/db';
import { createEvaluator, createOccupation, type TestOccupation } from '../certificates/support';
import { createInstitution, type TestInstitution } from '../enrollment/support';

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

export interface ScenarioEnrollment {
  /** Index into the scenario's classes. */
  cls: number;
  /** Beijing wall-clock time of sign-up, "YYYY-MM-DD HH:MM". */
  at: string;
  status: 'enrolled' | 'waitlisted' | 'cancelled' | 'completed' | 'dropped';
  viaStation?: boolean;
  /** Evaluation on the strength of this (completed) enrollment. */
  result?: 'pass' | 'fail' | 'absent';
  certificate?: 'valid' | 'revoked';
  subsidy?: 'submitted' | 'under_review' | 'approved' | 'publicised' | 'paid' | 'rejected';
}

export interface ScenarioPerson {
  district: string;
  category: PersonCategory;
  enrollments: ScenarioEnrollment[];
  hiredOn?: string[];
}

export interface BuiltScenario {
  field: string;
  institutions: TestInstitution[];
  occupations: TestOccupation[];
  station: { id: string; code: string };
  userIds: string[];
}

/** A key field of its own: the filter that isolates the scenario. */
async function createField(): Promise<string> {
  const code = `tfunnel_${digits(8).replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)}`;
  await sql(`insert into public.fields (code, name, kind, description, sort_order) values ($1, $2, 'key_field', '测试领域', 99)`, [
    code,
    `测试领域${code}`,
  ]);
  return code;
}

async function createStation(): Promise<{ id: string; code: string }> {
  for (;;) {
    const code = `STA-110105-${digits(3)}`;
    const [row] = await sql<{ id: string }>(
      `insert into public.stations (code, name, district) values ($1, $2, '110105') on conflict do nothing returning id`,
      [code, `测试漏斗服务站${code}${digits(6)}`],
    );
    if (row) return { id: row.id, code };
  }
}

async function createPerson(p: ScenarioPerson): Promise<string> {
  const tag = `${process.pid}-${Date.now().toString(36)}-${digits(8)}`;
  const [user] = await sql<{ id: string }>(`insert into public.users (openid, display_name) values ($1, $2) returning id`, [
    `test:funnel:${tag}`,
    `漏斗${tag}`.slice(0, 60),
  ]);
  await sql(
    `insert into public.profiles (user_id, real_name, id_type, id_number_enc, id_number_hash, id_number_masked, mobile_enc, mobile_hash,
                                  mobile_masked, category, district, household_type)
     values ($1, '测试学员', 'resident', 'x', $2, '990000********0000', 'x', 'x', '138****0000', $3, $4, 'other_rural')`,
    [user!.id, `funnel:${tag}`, p.category, p.district],
  );
  return user!.id;
}

export async function buildScenario(classCount: number, people: ScenarioPerson[]): Promise<BuiltScenario> {
  const field = await createField();
  const evaluator = await createEvaluator();
  const station = await createStation();
  const institutions: TestInstitution[] = [];
  const occupations: TestOccupation[] = [];
  const classes: { id: string; occupation: TestOccupation; sessionId: string }[] = [];
  for (let i = 0; i < classCount; i += 1) {
    const institution = await createInstitution();
    const occupation = await createOccupation();
    institutions.push(institution);
    occupations.push(occupation);
    const [project] = await sql<{ id: string }>(
      `insert into public.projects (code, title, project_type, institution_id, field_code, target_level, headcount, content, hours,
                                    mode, audiences, funding, status, published_at)
       values ($1, $2, 'employment', $3, $4, '4', 100, '测试用的培训内容，讲授护理技能。', 80, 'offline', '{key_group,employee}',
               'subsidised', 'published', now()) returning id`,
      [`XM-2024-${digits(6)}`, `漏斗测试项目${digits(6)}`, institution.id, field],
    );
    await sql(`insert into public.project_occupations (project_id, occupation_id, position) values ($1, $2, 0)`, [project!.id, occupation.id]);
    const [cls] = await sql<{ id: string }>(
      `insert into public.classes (code, project_id, institution_id, name, start_date, end_date, district, capacity,
                                   enroll_opens_at, enroll_closes_at, status)
       values ($1, $2, $3, '漏斗测试班', '2024-05-10', '2024-05-30', '110105', 50, '2024-02-01', '2024-05-09', 'published') returning id`,
      [`BC-2024-${digits(7)}`, project!.id, institution.id],
    );
    const [session] = await sql<{ id: string }>(
      `insert into public.evaluation_sessions (code, institution_id, occupation_id, level, starts_at, ends_at, district, place, capacity,
                                               signup_opens_at, signup_closes_at, status)
       values ($1, $2, $3, '4', '2024-06-10 09:00+08', '2024-06-10 12:00+08', '110105', '测试考点', 50,
               '2024-06-01 00:00+08', '2024-06-09 00:00+08', 'published') returning id`,
      [`PJ-2024-${digits(7)}`, evaluator.id, occupation.id],
    );
    classes.push({ id: cls!.id, occupation, sessionId: session!.id });
  }

  const userIds: string[] = [];
  for (const p of people) {
    const userId = await createPerson(p);
    userIds.push(userId);
    for (const e of p.enrollments) {
      const cls = classes[e.cls]!;
      const [enrollment] = await sql<{ id: string }>(
        `insert into public.enrollments (class_id, user_id, status, referral_station_id, enrolled_at, cancelled_at, completed_at,
                                         dropped_at, drop_reason, created_at)
         values ($1, $2, $3, $4, case when $3 in ('enrolled', 'completed', 'dropped') then $5::timestamptz end,
                 case when $3 = 'cancelled' then $5::timestamptz + interval '1 day' end,
                 case when $3 = 'completed' then timestamptz '2024-05-31 18:00+08' end,
                 case when $3 = 'dropped' then timestamptz '2024-05-20 18:00+08' end, case when $3 = 'dropped' then '缺勤过多' end,
                 $5::timestamptz)
         returning id`,
        [cls.id, userId, e.status, e.viaStation ? station.id : null, `${e.at}+08`],
      );
      if (!e.result) continue;
      const [registration] = await sql<{ id: string }>(
        `insert into public.evaluation_registrations (session_id, user_id, status, basis, enrollment_id, created_at)
         values ($1, $2, 'evaluated', 'training', $3, '2024-06-02 10:00+08') returning id`,
        [cls.sessionId, userId, enrollment!.id],
      );
      let certificateId: string | null = null;
      if (e.result === 'pass') {
        const status = e.certificate ?? 'valid';
        const [cert] = await sql<{ id: string }>(
          `insert into public.certificates (certificate_no, type, holder_user_id, holder_name, holder_id_type, holder_id_number_enc,
                                            holder_id_number_hash, holder_id_number_masked, occupation_id, level, institution_id, issued_on,
                                            status, revoked_at, revoke_reason, verify_token, source)
           values ($1, 'skill_level', $2, '测试学员', 'resident', 'x', 'x', '990000********0000', $3, '4', $4, '2024-06-20', $5,
                   case when $5 = 'revoked' then now() end, case when $5 = 'revoked' then '测试撤销' end, $6, 'evaluation')
           returning id`,
          [`S${digits(14)}4${digits(6)}`, userId, cls.occupation.id, evaluator.id, status, randomBytes(30).toString('base64url')],
        );
        certificateId = cert!.id;
      }
      await sql(
        `insert into public.evaluation_results (registration_id, session_id, outcome, score, certificate_id)
         values ($1, $2, $3, case when $3 = 'absent' then null else 70 end, $4)`,
        [registration!.id, cls.sessionId, e.result, certificateId],
      );
      if (e.subsidy && certificateId) {
        await sql(
          `insert into public.subsidy_applications (user_id, certificate_id, occupation_id, level, amount, rules_from, district, category,
                                                    draws_pension, bank_account_enc, bank_account_hash, bank_account_masked, status,
                                                    applied_on, reject_reason, payment_ref, paid_on)
           values ($1, $2, $3, '4', 1500, '2025-01-01', $4, $5, false, 'x', 'x', '**** **** **** 0000', $6, '2024-07-01',
                   case when $6 = 'rejected' then '测试不通过' end, case when $6 = 'paid' then 'TEST-PAY' end,
                   case when $6 = 'paid' then date '2024-08-01' end)`,
          [userId, certificateId, cls.occupation.id, p.district, p.category, e.subsidy],
        );
      }
    }
    for (const day of p.hiredOn ?? []) {
      await sql(
        `insert into public.employment_outcomes (user_id, employer_name, hired_on, source, recorded_by) values ($1, $2, $3, 'self', $1)`,
        [userId, `测试用人单位${digits(6)}`, day],
      );
    }
  }
  return { field, institutions, occupations, station, userIds };
}
