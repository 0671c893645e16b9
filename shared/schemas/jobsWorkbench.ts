/** 工作台 reads over jobs and employment: the managed-jobs filter and the people lookup. */
import { z } from 'zod';

/** How a job shows in the 工作台: open (在招), expired (open but past its 截止日期), closed (已停止招聘). */
export const MANAGED_JOB_STATUSES = { open: '在招', expired: '已过期', closed: '已停止招聘' } as const;
export type ManagedJobStatus = keyof typeof MANAGED_JOB_STATUSES;

/** GET /api/jobs/managed */
export const managedJobsQuery = z.strictObject({
  status: z.enum(['open', 'expired', 'closed', 'all'], { error: '状态应为 open（在招）、expired（已过期）、closed（已停止招聘）或 all（全部）' }).default('all'),
});
export type ManagedJobsQuery = z.infer<typeof managedJobsQuery>;

/** GET /api/employment-outcomes/people */
export const employmentPeopleQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .max(20, '搜索词太长了（不超过20个字）')
    .optional(),
});
export type EmploymentPeopleQuery = z.infer<typeof employmentPeopleQuery>;
