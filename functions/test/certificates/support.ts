/** Test data for the evaluation and certificate suite: catalog rows by SQL, people through the API. */
import { randomInt } from 'node:crypto';
import { residentIdCheckChar } from '@jz/shared';
import { sql } from '../harness/db';
import { uniqueName, type ApiClient } from '../support/api';
import { validProfile } from '../support/people';

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

let idSerial = 0;
/**
 * A valid resident ID number no other test file makes: area 99<tag> (not a real area, which the
 * format allows), the birth date given, and a per-process sequence. Tags 5xxx belong to this suite.
 */
export function certResidentId(tag: string, birth = '19900101'): string {
  idSerial += 1;
  if (idSerial >= 1000) throw new Error('certResidentId: more than 1000 numbers in one process');
  const first17 = `99${tag.padStart(4, '0').slice(-4)}${birth}${String(idSerial).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

export interface TestEvaluator {
  id: string;
  code: string;
  certificateCode: string;
}

/** A whitelisted evaluation institution with a certificate code no other test institution has. */
export async function createEvaluator(options: { carrier?: 'social_org' | 'employer'; certificateCode?: string | null } = {}): Promise<TestEvaluator> {
  for (;;) {
    const code = `EVA-T${digits(8)}`;
    const certificateCode = options.certificateCode === null ? null : (options.certificateCode ?? String(randomInt(1000, 10000)));
    const rows = await sql<{ id: string }>(
      `insert into public.institutions (code, name, kind, carrier_type, certificate_code, whitelist_status, whitelisted_on, district)
       select $1, $2, 'evaluation', $3, $4::text, 'listed', current_date, '110105'
       where $4::text is null or not exists (select 1 from public.institutions i where i.certificate_code = $4::text)
       returning id`,
      [code, `测试评价中心${code}`, options.carrier ?? 'social_org', certificateCode],
    );
    if (rows[0]) return { id: rows[0].id, code, certificateCode: certificateCode ?? '' };
  }
}

export interface TestOccupation {
  id: string;
  code: string;
  name: string;
}

/** An occupation of its own (levels 5–3), or a 专项职业能力 item. */
export async function createOccupation(options: { specialty?: boolean } = {}): Promise<TestOccupation> {
  for (;;) {
    const code = options.specialty ? `ZX-99-${digits(3)}` : `9-${digits(2)}-${digits(2)}-${digits(2)}`;
    const name = `测试职业${digits(6)}`;
    const rows = await sql<{ id: string }>(
      `insert into public.occupations (code, name, field_code, levels, is_specialty)
       values ($1, $2, 'care', $3, $4) on conflict (code) do nothing returning id::text`,
      [code, name, options.specialty ? ['special'] : ['5', '4', '3'], Boolean(options.specialty)],
    );
    if (rows[0]) return { id: rows[0].id, code, name };
  }
}

export interface SessionOptions {
  evaluator?: TestEvaluator;
  occupation?: TestOccupation;
  level?: '5' | '4' | '3' | 'special';
  capacity?: number;
  /** Hours from now. */
  opensIn?: number;
  closesIn?: number;
  startsIn?: number;
  status?: 'draft' | 'published' | 'closed' | 'cancelled';
  selfStudy?: boolean;
}

export interface TestSession {
  id: string;
  code: string;
  evaluator: TestEvaluator;
  occupation: TestOccupation;
  level: string;
}

/** A published evaluation session with sign-up open now, starting in 3 days unless told otherwise. */
export async function createSession(options: SessionOptions = {}): Promise<TestSession> {
  const evaluator = options.evaluator ?? (await createEvaluator());
  const occupation = options.occupation ?? (await createOccupation({ specialty: options.level === 'special' }));
  const level = options.level ?? '4';
  const startsIn = options.startsIn ?? 72;
  let code = '';
  let row: { id: string } | undefined;
  // Random codes may collide with another test's: try again with a new one.
  while (!row) {
    code = `PJ-2026-${digits(7)}`;
    [row] = await sql<{ id: string }>(
      `insert into public.evaluation_sessions (code, institution_id, occupation_id, level, starts_at, ends_at, district, place, capacity,
                                               signup_opens_at, signup_closes_at, status)
       values ($1, $2, $3, $4, now() + make_interval(hours => $5::int), now() + make_interval(hours => $5::int + 3), '110105',
               '朝阳区测试考点', $6, now() + make_interval(hours => $7::int), now() + make_interval(hours => $8::int), $9)
       on conflict (code) do nothing
       returning id`,
      [code, evaluator.id, occupation.id, level, startsIn, options.capacity ?? 30, options.opensIn ?? -1, options.closesIn ?? Math.min(48, startsIn), options.status ?? 'published'],
    );
  }
  if (options.selfStudy) {
    await sql(`insert into public.evaluation_session_settings (session_id, allows_self_study) values ($1, true)`, [row.id]);
  }
  return { id: row.id, code, evaluator, occupation, level };
}

/** Moves a session into the past (sign-up over, the sitting started an hour ago), as if time had passed. */
export async function sessionHasStarted(sessionId: string): Promise<void> {
  await sql(
    `update public.evaluation_sessions set signup_opens_at = now() - interval '3 days', signup_closes_at = now() - interval '2 hours',
            starts_at = now() - interval '1 hour', ends_at = now() + interval '2 hours' where id = $1`,
    [sessionId],
  );
}

/** A training institution, project covering the occupation, a finished class, and the person's completed enrollment in it. */
export async function completedTraining(userId: string, occupation: TestOccupation, options: { status?: 'completed' | 'enrolled' | 'dropped' } = {}) {
  const insCode = `INS-T${digits(8)}`;
  const [ins] = await sql<{ id: string }>(
    `insert into public.institutions (code, name, kind, carrier_type, whitelist_status, whitelisted_on, district)
     values ($1, $2, 'training', 'private_institution', 'listed', current_date, '110105') returning id`,
    [insCode, `测试培训学校${insCode}`],
  );
  const projectCode = `XM-2026-${digits(6)}`;
  const [project] = await sql<{ id: string }>(
    `insert into public.projects (code, title, project_type, institution_id, field_code, target_level, headcount, content, hours,
                                  mode, audiences, funding, status, published_at)
     values ($1, $2, 'employment', $3, 'care', '4', 100, '测试用的培训内容，讲授护理技能。', 80, 'offline', '{key_group}', 'subsidised',
             'published', now()) returning id`,
    [projectCode, `测试项目${projectCode}`, ins!.id],
  );
  await sql(`insert into public.project_occupations (project_id, occupation_id, position) values ($1, $2, 0)`, [project!.id, occupation.id]);
  const [cls] = await sql<{ id: string }>(
    `insert into public.classes (code, project_id, institution_id, name, start_date, end_date, district, capacity,
                                 enroll_opens_at, enroll_closes_at, status)
     values ($1, $2, $3, '测试班', public.beijing_today() - 20, public.beijing_today() - 5, '110105', 30,
             now() - interval '40 days', now() - interval '22 days', 'published') returning id`,
    [`BC-2026-${digits(7)}`, project!.id, ins!.id],
  );
  const status = options.status ?? 'completed';
  const [enrollment] = await sql<{ id: string }>(
    `insert into public.enrollments (class_id, user_id, status, enrolled_at, completed_at, dropped_at, drop_reason, created_at)
     values ($1, $2, $3, now() - interval '30 days', case when $3 = 'completed' then now() - interval '5 days' end,
             case when $3 = 'dropped' then now() - interval '6 days' end, case when $3 = 'dropped' then '缺勤过多' end,
             now() - interval '30 days') returning id`,
    [cls!.id, userId, status],
  );
  await sql(`insert into public.attendance (enrollment_id, session_date) values ($1, public.beijing_today() - 20)`, [enrollment!.id]);
  return { classId: cls!.id, projectId: project!.id, enrollmentId: enrollment!.id };
}

export interface Person {
  token: string;
  userId: string;
  name: string;
  idNumber: string;
}

/** A signed-in worker with a saved profile. */
export async function worker(api: ApiClient, tag: string, options: { name?: string; withProfile?: boolean } = {}): Promise<Person> {
  const login = await api.devLogin(uniqueName('学员'));
  const idNumber = certResidentId(tag);
  const name = options.name ?? '张三丰';
  if (options.withProfile !== false) {
    const reply = await api.put('/api/me/profile', validProfile({ realName: name, idNumber }), { token: login.token });
    if (reply.status !== 200) throw new Error(`profile: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
  return { token: login.token, userId: login.user.id, name, idNumber };
}

/** A worker who completed a class covering the occupation. */
export async function trainedWorker(api: ApiClient, tag: string, occupation: TestOccupation, options: { name?: string } = {}) {
  const person = await worker(api, tag, options);
  await completedTraining(person.userId, occupation);
  return person;
}

export async function staff(api: ApiClient, role: 'evaluator_staff' | 'institution_staff' | 'station_staff' | 'reviewer' | 'admin', scope?: string) {
  const login = await api.devLogin(uniqueName('员工'), [scope ? { role, scope } : { role }] as never);
  return { token: login.token, userId: login.user.id };
}

let keys = 0;
export const newKey = () => `cert-key-${process.pid}-${Date.now().toString(36)}-${keys++}`;

/** POST /api/evaluations with a fresh Idempotency-Key unless one is given. */
export function signUp(api: ApiClient, token: string, sessionId: string, key = newKey()) {
  return api.post('/api/evaluations', { sessionId }, { token, headers: { 'Idempotency-Key': key } });
}

/** Records results as the given staff member. */
export function recordResults(api: ApiClient, token: string, sessionId: string, results: unknown[]) {
  return api.post(`/api/evaluation-sessions/${sessionId}/results`, { results }, { token });
}

let address = 0;
/** A client address no other request in this run uses, so the shared stack's lookup limits never bite by accident. */
export const freshAddress = () => `198.51.${(process.pid + address) % 250}.${(address++ % 250) + 1}`;

/** POST /api/certificates/lookup from a fresh client address. */
export function lookup(api: ApiClient, body: unknown, options: { token?: string; address?: string } = {}) {
  return api.post('/api/certificates/lookup', body, {
    ...(options.token ? { token: options.token } : {}),
    headers: { 'x-forwarded-for': options.address ?? freshAddress() },
  });
}

/** A person passed in a session of their own and holds the certificate; returns it with its registration. */
export async function certifiedWorker(api: ApiClient, tag: string, options: { name?: string; session?: TestSession } = {}) {
  const session = options.session ?? (await createSession());
  const person = await trainedWorker(api, tag, session.occupation, options);
  const signed = await signUp(api, person.token, session.id);
  if (signed.status !== 201) throw new Error(`sign-up: ${signed.status} ${JSON.stringify(signed.body)}`);
  await sessionHasStarted(session.id);
  const evaluator = await staff(api, 'evaluator_staff', session.evaluator.code);
  const recorded = await recordResults(api, evaluator.token, session.id, [
    { registrationId: signed.body.registration.id, outcome: 'pass', score: 88 },
  ]);
  if (recorded.status !== 200) throw new Error(`results: ${recorded.status} ${JSON.stringify(recorded.body)}`);
  const certificate = recorded.body.results[0].certificate as { id: string; certificateNo: string };
  return { person, session, evaluator, certificate, registrationId: signed.body.registration.id as string };
}
