/** 工作台 reads: the jobs a manager looks after, the people staff may record a hire for, a person's own employment record. */
import { beijingToday, type EmploymentPerson, type ManagedJobs, type ManagedJobsQuery, type MyEmployment } from '@jz/shared';
import { callRpc } from '../certificates/db';
import { forbidden } from '../errors';
import type { Session } from '../session';
import { withPayComparison } from './jobs';

export async function managedJobs(session: Session, query: ManagedJobsQuery): Promise<ManagedJobs> {
  const result = await callRpc<ManagedJobs>(session, 'managed_job_list', {
    p_status: query.status === 'all' ? null : query.status,
    p_today: beijingToday(),
  });
  return {
    items: result.items.map((job) => ({
      ...withPayComparison(job),
      consentedCount: Number(job.consentedCount),
      withoutConsentCount: Number(job.withoutConsentCount),
      interestedCount: Number(job.interestedCount ?? 0),
    })),
    counts: { open: Number(result.counts.open), expired: Number(result.counts.expired), closed: Number(result.counts.closed) },
  };
}

/** Who may look people up to record a hire: institution and station staff (the database narrows to their scopes). */
export function requireEmploymentRecorder(session: Session): void {
  if (!session.roles.some((g) => g.role === 'institution_staff' || g.role === 'station_staff')) {
    throw forbidden('只有培训机构和就业服务站的工作人员可以登记就业');
  }
}

export function employmentPeople(session: Session, q: string | undefined): Promise<{ items: EmploymentPerson[] }> {
  return callRpc<{ items: EmploymentPerson[] }>(session, 'employment_people', { p_q: q || null });
}

export function myEmployment(session: Session): Promise<MyEmployment> {
  return callRpc<MyEmployment>(session, 'my_employment_outcomes', {});
}
