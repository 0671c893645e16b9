/** 为您推荐的岗位: the database gathers the person's qualifications and candidate jobs; shared/rules/jobMatch.ts ranks them. */
import { beijingToday, JOB_MATCH_HINTS, rankJobMatches, type JobMatchFacts, type JobMatches } from '@jz/shared';
import { callRpc } from '../certificates/db';
import type { Session } from '../session';
import { withPayComparison } from './jobs';

type RawJob = Parameters<typeof withPayComparison>[0];

export async function jobMatchesFor(session: Session, limit = 50): Promise<JobMatches> {
  const today = beijingToday();
  const facts = await callRpc<JobMatchFacts<RawJob>>(session, 'job_match_facts', { p_today: today });
  const ranked = rankJobMatches(facts, today).slice(0, limit);
  const hint = ranked.length > 0 ? null : facts.qualifications.length === 0 ? JOB_MATCH_HINTS.noQualifications : JOB_MATCH_HINTS.noJobs;
  return {
    items: ranked.map((m) => ({
      job: withPayComparison(m.job),
      reason: m.reason,
      sameDistrict: m.sameDistrict,
      qualification: { kind: m.qualification.kind, occupationName: m.qualification.occupationName, level: m.qualification.level },
    })),
    hint,
  };
}
