/** The pre-check: the database's facts through the shared pure rules (the same the mini-program runs). */
import {
  checkSubsidy,
  ruleSetOn,
  type ReviewSubsidyApplication,
  type SubsidyCheck,
  type SubsidyCheckFacts,
  type SubsidyReviewDetail,
  type SubsidyReviewFacts,
  type SubsidyRule,
} from '@jz/shared';
import { ApiError } from '../errors';
import { callRpc } from '../certificates/db';
import type { Session } from '../session';

/** The database's facts and a declaration through the pure rules in force on `facts.today`. */
export function checkFacts(facts: SubsidyCheckFacts, drawsPension: boolean | null): SubsidyCheck {
  const rules = ruleSetOn(facts.ruleSets ?? [], facts.today);
  if (!rules) throw new ApiError(409, 'subsidy_rules_missing', '补贴标准尚未设置，请稍后再试');
  return checkSubsidy(rules, {
    today: facts.today,
    person: { category: facts.person.category, birthDate: facts.person.birthDate, drawsPension },
    certificate: facts.certificate,
    claims: facts.claims,
  });
}

/** The holder's pre-check of one of their certificates, as of today. */
export async function subsidyCheck(session: Session, certificateId: string, drawsPension: boolean | null): Promise<SubsidyCheck> {
  const facts = await callRpc<SubsidyCheckFacts>(session, 'subsidy_check_facts', { p_certificate_id: certificateId });
  return checkFacts(facts, drawsPension);
}

/** A reviewer's view of one application: as the review list shows it, and the check re-run as of its submission day. */
export async function subsidyReviewDetail(session: Session, applicationId: string): Promise<SubsidyReviewDetail> {
  const application = await callRpc<ReviewSubsidyApplication>(session, 'review_subsidy_application', { p_id: applicationId });
  const facts = await callRpc<SubsidyReviewFacts>(session, 'subsidy_review_facts', { p_application_id: applicationId });
  return { application, check: checkFacts(facts, facts.drawsPension) };
}

/** 422 `subsidy_rule_<rule>` for the first failed rule, its explanation as the message and every failed rule's in `fields`. */
export function refusalOf(check: SubsidyCheck): ApiError | null {
  const failed = check.rules.filter((r) => !r.passed);
  const first = failed[0];
  if (!first) return null;
  const fields = Object.fromEntries(failed.map((r) => [r.rule, r.explanation])) as Partial<Record<SubsidyRule, string>>;
  return new ApiError(422, `subsidy_rule_${first.rule}`, first.explanation, fields as Record<string, string>);
}
