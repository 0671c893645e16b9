/** Test data for the enrollment suite: institutions, projects and classes made by SQL, people through the API. */
import { residentIdCheckChar } from '@jz/shared';
import { randomInt } from 'node:crypto';
import { sql } from '../harness/db';
import { uniqueName, type ApiClient } from '../support/api';
import { validProfile } from '../support/people';

let serial = 0;
const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

/**
 * A valid resident ID number no other test file makes: area 99<tag> (not a real area, which the
 * format allows), the birth date given, and a per-process sequence.
 */
export function testResidentId(tag: string, birth = '19900101'): string {
  serial += 1;
  const first17 = `99${tag.padStart(4, '0').slice(-4)}${birth}${String(serial % 1000).padStart(3, '0')}`;
  if (serial >= 1000) throw new Error('testResidentId: more than 1000 numbers for one tag in one process');
  return first17 + residentIdCheckChar(first17);
}

export interface TestInstitution {
  id: string;
  code: string;
}

type Run = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/** A whitelisted training institution of its own, so staff scopes never overlap between tests. */
export async function createInstitution(run: Run = sql): Promise<TestInstitution> {
  const code = `INS-T${digits(8)}`;
  const [row] = await run<{ id: string }>(
    `insert into public.institutions (code, name, kind, carrier_type, whitelist_status, whitelisted_on, district)
     values ($1, $2, 'training', 'private_institution', 'listed', current_date, '110105') returning id`,
    [code, `测试培训学校${code}`],
  );
  return { id: row!.id, code };
}

export interface ClassOptions {
  institution?: TestInstitution;
  capacity?: number;
  audiences?: string[];
  /** Days from today (Beijing) of the first and last day. */
  startIn?: number;
  endIn?: number;
  /** Session days as offsets from today; default none (every day from start to end counts). */
  sessionDays?: number[];
  sessionTime?: [string, string];
  /** Hours from now the enrollment window opens and closes. */
  opensIn?: number;
  closesIn?: number;
  status?: 'draft' | 'published' | 'closed' | 'cancelled';
  projectStatus?: 'draft' | 'published' | 'suspended';
}

export interface TestClass {
  id: string;
  code: string;
  projectId: string;
  projectCode: string;
  institution: TestInstitution;
}

/** A class of a new project, published with an open window unless told otherwise (`run`: another database). */
export async function createClass(options: ClassOptions = {}, run: Run = sql): Promise<TestClass> {
  const institution = options.institution ?? (await createInstitution(run));
  const projectCode = `XM-2026-${digits(6)}`;
  const [project] = await run<{ id: string }>(
    `insert into public.projects (code, title, project_type, institution_id, field_code, target_level, headcount, content, hours,
                                  mode, audiences, funding, status, published_at)
     values ($1, $2, 'employment', $3, 'care', '4', 100, '测试用的培训内容，讲授护理技能。', 80, 'offline', $4, 'subsidised', $5,
             case when $5 = 'draft' then null else now() end)
     returning id`,
    [projectCode, `测试项目${projectCode}`, institution.id, options.audiences ?? ['key_group', 'employee', 'student'],
     options.projectStatus ?? 'published'],
  );
  // like every catalog project, it trains for an occupation (the catalog's lists show the main one)
  await run(
    `insert into public.project_occupations (project_id, occupation_id, position)
     select $1, o.id, 0 from public.occupations o order by o.id limit 1`,
    [project!.id],
  );
  const startIn = options.startIn ?? 10;
  const endIn = options.endIn ?? startIn + 4;
  const [start, end] = options.sessionTime ?? ['09:00', '16:30'];
  const classCode = `BC-2026-${digits(7)}`;
  const [cls] = await run<{ id: string }>(
    `insert into public.classes (code, project_id, institution_id, name, start_date, end_date, sessions, district, address,
                                 capacity, enroll_opens_at, enroll_closes_at, status)
     values ($1, $2, $3, '测试班', public.beijing_today() + $4::int, public.beijing_today() + $5::int,
             coalesce((select jsonb_agg(jsonb_build_object('date', public.beijing_today() + d, 'start', $9::text, 'end', $10::text) order by d)
                       from unnest($6::int[]) d), '[]'::jsonb),
             '110105', '朝阳区测试路1号', $7, now() + make_interval(hours => $11::int), now() + make_interval(hours => $12::int), $8)
     returning id`,
    [classCode, project!.id, institution.id, startIn, endIn, options.sessionDays ?? [], options.capacity ?? 20,
     options.status ?? 'published', start, end, options.opensIn ?? -1, options.closesIn ?? 24 * 7],
  );
  return { id: cls!.id, code: classCode, projectId: project!.id, projectCode, institution };
}

export interface Person {
  token: string;
  userId: string;
}

/** A signed-in worker with a saved profile (category and birth date as given). */
export async function worker(
  api: ApiClient,
  tag: string,
  profile: { category?: string; birth?: string; withProfile?: boolean } = {},
): Promise<Person> {
  const login = await api.devLogin(uniqueName('学员'));
  if (profile.withProfile !== false) {
    const reply = await api.put(
      '/api/me/profile',
      validProfile({ idNumber: testResidentId(tag, profile.birth), ...(profile.category ? { category: profile.category } : {}) }),
      { token: login.token },
    );
    if (reply.status !== 200) throw new Error(`profile: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
  return { token: login.token, userId: login.user.id };
}

/** Many workers, made in parallel batches. */
export async function workers(api: ApiClient, tag: string, count: number, batch = 25): Promise<Person[]> {
  const people: Person[] = [];
  for (let i = 0; i < count; i += batch) {
    people.push(...(await Promise.all(Array.from({ length: Math.min(batch, count - i) }, () => worker(api, tag)))));
  }
  return people;
}

export async function staff(api: ApiClient, role: 'institution_staff' | 'station_staff' | 'reviewer' | 'admin', scope?: string) {
  const login = await api.devLogin(uniqueName('员工'), [scope ? { role, scope } : { role }] as never);
  return { token: login.token, userId: login.user.id };
}

let keys = 0;
export const newKey = () => `test-key-${process.pid}-${Date.now().toString(36)}-${keys++}`;

/** POST /api/enrollments with a fresh Idempotency-Key unless one is given. */
export function enroll(api: ApiClient, token: string, classId: string, options: { key?: string; stationCode?: string } = {}) {
  return api.post(
    '/api/enrollments',
    { classId, ...(options.stationCode ? { stationCode: options.stationCode } : {}) },
    { token, headers: { 'Idempotency-Key': options.key ?? newKey() } },
  );
}
