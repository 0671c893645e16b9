/** Test data for the publishing suites: projects to schedule classes under, form bodies, whitelist moves by SQL. */
import { randomInt } from 'node:crypto';
import { sql } from '../harness/db';
import type { TestInstitution } from '../enrollment/support';

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

/** A published (or draft) project of the institution, subsidised unless a fee is given. */
export async function createProject(
  institution: TestInstitution,
  options: { status?: 'draft' | 'published'; fee?: number; mode?: 'offline' | 'online' } = {},
): Promise<{ id: string; code: string }> {
  const code = `XM-2026-${digits(6)}`;
  const [row] = await sql<{ id: string }>(
    `insert into public.projects (code, title, project_type, institution_id, field_code, target_level, headcount, content, hours,
                                  mode, audiences, funding, fee, status, published_at)
     values ($1, $2, 'employment', $3, 'care', '4', 100, '测试用的培训内容，讲授护理技能。', 80, $4,
             '{key_group,employee,student}', $5, $6, $7, case when $7 = 'draft' then null else now() end)
     returning id`,
    [code, `发布测试项目${code}`, institution.id, options.mode ?? 'offline', options.fee ? 'fee' : 'subsidised', options.fee ?? 0,
     options.status ?? 'published'],
  );
  await sql(
    `insert into public.project_occupations (project_id, occupation_id, position)
     select $1, o.id, 0 from public.occupations o order by o.id limit 1`,
    [row!.id],
  );
  return { id: row!.id, code };
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
const at = (hoursFromNow: number) => new Date(Date.now() + hoursFromNow * 3_600_000).toISOString();

/** A valid body for POST /api/classes: starts in 10 days, sign-up open from an hour ago for a week. */
export function classBody(projectId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    projectId,
    name: '2026年第1期（周末班）',
    startDate: day(10),
    endDate: day(14),
    schedule: '每周六、周日 9:00–16:30',
    district: '110105',
    address: '朝阳区测试路8号',
    lat: 39.92,
    lng: 116.48,
    capacity: 20,
    enrollOpensAt: at(-1),
    enrollClosesAt: at(24 * 7),
    ...overrides,
  };
}

/** A valid body for POST /api/evaluation-sessions: starts in 3 days, sign-up open from an hour ago until the day before. */
export function sessionBody(occupation: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    occupation,
    level: '4',
    startsAt: at(72),
    endsAt: at(75),
    district: '110105',
    place: '朝阳区测试考点3号楼',
    capacity: 30,
    signupOpensAt: at(-1),
    signupClosesAt: at(48),
    ...overrides,
  };
}

/** Moves an institution on or off the whitelist directly, as an admin's correction would. */
export async function setWhitelist(institutionId: string, status: 'listed' | 'suspended' | 'pending'): Promise<void> {
  await sql(`update public.institutions set whitelist_status = $2, whitelisted_on = coalesce(whitelisted_on, current_date) where id = $1`, [
    institutionId,
    status,
  ]);
}

/** Outbox rows per user for one event. */
export async function outboxCount(event: string, userIds: string[]): Promise<number> {
  const [row] = await sql<{ n: number }>('select count(*)::int as n from public.outbox where event = $1 and user_id = any ($2::uuid[])', [
    event,
    userIds,
  ]);
  return row!.n;
}
