/** Responses of the 工作台 reads over jobs and employment. */
import type { ManagedJobStatus } from '../schemas/jobsWorkbench';
import type { EmploymentOutcome, JobDetail } from './jobs';

/** A job its manager sees in the 工作台: with contact, and interest split by consent. */
export interface ManagedJob extends JobDetail {
  shownStatus: ManagedJobStatus;
  consentedCount: number;
  withoutConsentCount: number;
  closedAt: string | null;
}

export interface ManagedJobs {
  items: ManagedJob[];
  /** Over all the caller's jobs, whatever the filter. */
  counts: Record<ManagedJobStatus, number>;
}

/** Someone a staff member may record a hire for: masked, with what puts them in the staff member's scope. */
export interface EmploymentPerson {
  userId: string;
  /** Masked, e.g. 王**. */
  name: string;
  /** Masked, e.g. 139****1234. */
  mobile: string;
  scope: { kind: 'institution' | 'station'; code: string };
  /** e.g. 养老护理员培训 · 2026年第1期, 经本站报名 …, 对本站岗位感兴趣 … */
  via: string;
  at: string;
}

export interface MyEmployment {
  items: EmploymentOutcome[];
}
