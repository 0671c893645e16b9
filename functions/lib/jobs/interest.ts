/** Interest in jobs: marking and withdrawing, and the managers' view of who consented to be contacted. */
import { beijingToday, type InterestedPerson, type JobInterested, type JobInterestResult } from '@jz/shared';
import { callRpc } from '../certificates/db';
import { decryptPersonal } from '../personalData';
import type { Session } from '../session';

export function markInterest(session: Session, jobId: string, consent: boolean): Promise<JobInterestResult> {
  return callRpc<JobInterestResult>(session, 'mark_job_interest', { p_job_id: jobId, p_consent: consent, p_today: beijingToday() });
}

export function withdrawInterest(session: Session, jobId: string): Promise<{ withdrawn: boolean }> {
  return callRpc<{ withdrawn: boolean }>(session, 'withdraw_job_interest', { p_job_id: jobId });
}

type SealedPerson = Omit<InterestedPerson, 'mobile'> & { mobileEnc: string };

/**
 * The people who consented, with the mobile in full: sharing it with the job's managers is exactly
 * what they agreed to. The database answers only to managers and only for consenting people.
 */
export async function interestedIn(session: Session, jobId: string): Promise<JobInterested> {
  const result = await callRpc<Omit<JobInterested, 'items'> & { items: SealedPerson[] }>(session, 'job_interested', { p_job_id: jobId });
  return {
    ...result,
    items: result.items.map(({ mobileEnc, ...person }) => ({ ...person, mobile: decryptPersonal(mobileEnc) })),
    withoutConsent: Number(result.withoutConsent),
  };
}
