/** Job reads and writes: one Postgres function per request; pay is compared with the salary guide by the shared rule. */
import {
  beijingToday,
  normalizeKeyword,
  payVersusMedian,
  type JobDetail,
  type JobFromDemandInput,
  type JobItem,
  type JobListQuery,
  type JobPostInput,
  type JobUpdateInput,
  type Page,
} from '@jz/shared';
import { callRpc } from '../certificates/db';
import { decodeCursor, encodeCursor, isTimestamp, isUuid, positionField, queryFingerprint } from '../catalog/cursor';
import { throwCatalogError } from '../catalog/errors';
import { anonDb } from '../supabase';
import type { Session } from '../session';

type RawJob = Omit<JobItem, 'payComparison'>;

/** Adds the pay-versus-median line to a job as the database answered it. */
export function withPayComparison<T extends RawJob>(job: T): T & Pick<JobItem, 'payComparison'> {
  return { ...job, payComparison: payVersusMedian(job) };
}

/** GET /api/jobs: open, unexpired jobs (Beijing today), newest first, keyset-paged. */
export async function listJobs(query: JobListQuery): Promise<Page<JobItem>> {
  const { cursor, limit, ...filters } = query;
  const q = normalizeKeyword(filters.q);
  const fingerprint = queryFingerprint({ ...filters, q });
  const after = cursor ? decodeCursor(cursor, fingerprint) : undefined;
  const { data, error } = await anonDb().rpc('public_jobs', {
    p_today: beijingToday(),
    p_q: q ?? null,
    p_district: filters.district ?? null,
    p_occupation: filters.occupation ?? null,
    p_level: filters.level ?? null,
    p_after_created_at: after ? positionField(after, 'createdAt', isTimestamp) : null,
    p_after_id: after ? positionField(after, 'id', isUuid) : null,
    p_limit: limit,
  });
  if (error) throwCatalogError(error, 'public_jobs');
  const result = data as { items: RawJob[]; total: number; next: Record<string, unknown> | null };
  return {
    items: result.items.map(withPayComparison),
    nextCursor: result.next ? encodeCursor(fingerprint, result.next) : null,
    total: Number(result.total),
  };
}

/** One job as the caller may see it (anonymous, interested person, manager); null when not visible. */
export async function jobDetail(session: Session | null, id: string): Promise<JobDetail | null> {
  const job = await callRpc<Omit<JobDetail, 'payComparison'> | null>(session, 'job_detail', { p_id: id, p_today: beijingToday() });
  return job ? withPayComparison(job) : null;
}

const contentArgs = (input: JobUpdateInput) => ({
  p_title: input.title,
  p_level: input.level ?? null,
  p_openings: input.openings,
  p_pay_min: input.payMin ?? null,
  p_pay_max: input.payMax ?? null,
  p_address: input.address,
  p_benefits: input.benefits,
  p_description: input.description,
  p_contact_name: input.contactName,
  p_contact_phone: input.contactPhone,
  p_valid_until: input.validUntil,
});

export async function postJob(session: Session, input: JobPostInput, stationCode: string | null): Promise<JobDetail> {
  const job = await callRpc<Omit<JobDetail, 'payComparison'>>(session, 'post_job', {
    p_enterprise_name: input.enterpriseName,
    p_credit_code: input.creditCode,
    p_occupation_code: input.occupation,
    p_district: input.district,
    p_station_code: stationCode,
    ...contentArgs(input),
  });
  return withPayComparison(job);
}

export async function jobFromDemand(session: Session, input: JobFromDemandInput): Promise<JobDetail> {
  const job = await callRpc<Omit<JobDetail, 'payComparison'>>(session, 'job_from_demand', {
    p_demand_id: input.demandId,
    p_title: input.title,
    p_openings: input.openings,
    p_address: input.address,
    p_benefits: input.benefits,
    p_description: input.description,
    p_valid_until: input.validUntil,
    p_contact_name: input.contactName ?? null,
    p_contact_phone: input.contactPhone ?? null,
  });
  return withPayComparison(job);
}

export async function updateJob(session: Session, id: string, input: JobUpdateInput): Promise<JobDetail> {
  const job = await callRpc<Omit<JobDetail, 'payComparison'>>(session, 'update_job', { p_id: id, ...contentArgs(input) });
  return withPayComparison(job);
}

export async function closeJob(session: Session, id: string): Promise<JobDetail> {
  return withPayComparison(await callRpc<Omit<JobDetail, 'payComparison'>>(session, 'close_job', { p_id: id }));
}
