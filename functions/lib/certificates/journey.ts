/**
 * 我的 timeline: one journey per occupation, 报名 → 签到 → 结业 → 评价报名 → 评价结果 → 取证 → 补贴,
 * assembled from the facts my_journey_facts returns. Pure, so the rules are easy to read and test.
 */
import {
  beijingToday,
  EVALUATION_OUTCOMES,
  JOURNEY_STEPS,
  type CertificateLevel,
  type EvaluationRegistration,
  type Journey,
  type JourneyStep,
  type JourneyStepKey,
  type JourneyStepStatus,
  SUBSIDY_STATUSES,
  type OccupationRef,
  type SubsidyApplication,
} from '@jz/shared';

export interface JourneyFacts {
  today: string;
  enrollments: Array<{
    id: string;
    status: 'enrolled' | 'waitlisted' | 'cancelled' | 'completed' | 'dropped';
    createdAt: string;
    enrolledAt: string | null;
    cancelledAt: string | null;
    completedAt: string | null;
    droppedAt: string | null;
    firstAttendance: string | null;
    class: { id: string; code: string; name: string; startDate: string; endDate: string };
    project: { id: string; code: string; title: string; targetLevel: CertificateLevel | 'special' };
    occupations: OccupationRef[];
  }>;
  registrations: EvaluationRegistration[];
  certificates: Array<{
    id: string;
    certificateNo: string;
    type: string;
    status: 'valid' | 'revoked';
    level: CertificateLevel | null;
    issuedOn: string;
    revokedAt: string | null;
    occupation: OccupationRef;
  }>;
  /** My subsidy applications (my_subsidy_applications); absent when not loaded. */
  subsidies?: Array<Pick<SubsidyApplication, 'id' | 'certificate' | 'status' | 'amount' | 'appliedOn' | 'paidOn' | 'rejectReason' | 'publicityEnd' | 'updatedAt'>>;
}

type Enrollment = JourneyFacts['enrollments'][number];
type Certificate = JourneyFacts['certificates'][number];

const day = (iso: string | null | undefined): string | null => (iso ? beijingToday(new Date(iso)) : null);
const latest = (...times: Array<string | null | undefined>): string =>
  times.filter((t): t is string => Boolean(t)).sort((a, b) => Date.parse(b) - Date.parse(a))[0] ?? new Date(0).toISOString();

const ENROLLMENT_RANK: Record<Enrollment['status'], number> = { completed: 0, enrolled: 1, waitlisted: 2, dropped: 3, cancelled: 4 };

function bestEnrollment(list: Enrollment[]): Enrollment | undefined {
  return [...list].sort((a, b) => ENROLLMENT_RANK[a.status] - ENROLLMENT_RANK[b.status] || Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
}

/** The latest registration that holds (or held) a place; a cancelled one only when there is nothing else. */
function currentRegistration(list: EvaluationRegistration[]): EvaluationRegistration | undefined {
  const byTime = [...list].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  return byTime.find((r) => r.status !== 'cancelled') ?? byTime[0];
}

function bestCertificate(list: Certificate[]): Certificate | undefined {
  const byDate = [...list].sort((a, b) => b.issuedOn.localeCompare(a.issuedOn));
  return byDate.find((c) => c.status === 'valid') ?? byDate[0];
}

function step(key: JourneyStepKey, status: JourneyStepStatus, date: string | null, note: string | null, ref: Record<string, string> | null): JourneyStep {
  return { key, label: JOURNEY_STEPS[key], status, date, note, ref };
}

function journeyFor(occupation: OccupationRef, facts: JourneyFacts): Journey {
  const code = occupation.code;
  const e = bestEnrollment(facts.enrollments.filter((x) => x.occupations.some((o) => o.code === code)));
  const r = currentRegistration(facts.registrations.filter((x) => x.session.occupation.code === code));
  const c = bestCertificate(facts.certificates.filter((x) => x.occupation.code === code));
  const classRef = e ? { enrollmentId: e.id, classId: e.class.id } : null;
  const classNote = e ? `${e.project.title} ${e.class.name}` : null;
  const started = e ? facts.today >= e.class.startDate : false;

  const enroll = !e
    ? step('enroll', 'not_started', null, null, null)
    : e.status === 'waitlisted'
      ? step('enroll', 'in_progress', day(e.createdAt), `${classNote}（候补中）`, classRef)
      : e.status === 'cancelled'
        ? step('enroll', 'cancelled', day(e.cancelledAt), classNote, classRef)
        : step('enroll', 'done', day(e.enrolledAt ?? e.createdAt), classNote, classRef);

  const checkin =
    e?.firstAttendance != null
      ? step('checkin', 'done', e.firstAttendance, null, classRef)
      : e && e.status === 'enrolled'
        ? step('checkin', 'not_started', e.class.startDate, started ? '尚未签到' : '开课后签到', classRef)
        : step('checkin', 'not_started', null, null, null);

  const complete = !e
    ? step('complete', 'not_started', null, null, null)
    : e.status === 'completed'
      ? step('complete', 'done', day(e.completedAt), classNote, classRef)
      : e.status === 'dropped'
        ? step('complete', 'failed', day(e.droppedAt), '未结业', classRef)
        : e.status === 'enrolled'
          ? step('complete', started ? 'in_progress' : 'not_started', e.class.endDate, started ? '培训中' : null, classRef)
          : step('complete', 'not_started', null, null, null);

  const regRef = r ? { registrationId: r.id, sessionId: r.session.id } : null;
  const regNote = r ? `${r.session.institution.name} ${r.session.code}` : null;
  const signup = !r
    ? step('evaluation_signup', 'not_started', null, null, null)
    : r.status === 'cancelled'
      ? step('evaluation_signup', 'cancelled', day(r.cancelledAt), regNote, regRef)
      : step('evaluation_signup', 'done', day(r.createdAt), regNote, regRef);

  const outcome = r?.result;
  const result = outcome
    ? step(
        'evaluation_result',
        outcome.outcome === 'pass' ? 'done' : 'failed',
        day(outcome.recordedAt),
        EVALUATION_OUTCOMES[outcome.outcome] + (outcome.score != null ? ` ${outcome.score}分` : ''),
        regRef,
      )
    : r && r.status === 'registered'
      ? step('evaluation_result', 'in_progress', day(r.session.startsAt), '待评价', regRef)
      : step('evaluation_result', 'not_started', null, null, null);

  const certificate = !c
    ? step('certificate', 'not_started', null, null, null)
    : c.status === 'revoked'
      ? step('certificate', 'revoked', day(c.revokedAt), c.certificateNo, { certificateId: c.id })
      : step('certificate', 'done', c.issuedOn, c.certificateNo, { certificateId: c.id });

  // The certificate's latest application; a withdrawn or rejected one only when there is no live one.
  const applications = (facts.subsidies ?? [])
    .filter((a) => c && a.certificate.id === c.id)
    .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
  const sub = applications.find((a) => a.status !== 'withdrawn' && a.status !== 'rejected') ?? applications[0];
  const subRef = sub ? { applicationId: sub.id, certificateId: sub.certificate.id } : null;
  const subsidy = !sub
    ? step('subsidy', 'not_started', null, null, null)
    : sub.status === 'paid'
      ? step('subsidy', 'done', sub.paidOn, `已发放${sub.amount}元`, subRef)
      : sub.status === 'rejected'
        ? step('subsidy', 'failed', day(sub.updatedAt), `未通过：${sub.rejectReason ?? ''}`, subRef)
        : sub.status === 'withdrawn'
          ? step('subsidy', 'cancelled', day(sub.updatedAt), '已撤回', subRef)
          : step('subsidy', 'in_progress', sub.status === 'publicised' ? sub.publicityEnd : sub.appliedOn, `${SUBSIDY_STATUSES[sub.status]} ${sub.amount}元`, subRef);

  const steps = [enroll, checkin, complete, signup, result, certificate, subsidy];
  // a step never taken before a later one that was (self-study candidates, imported certificates) is skipped
  const lastTaken = steps.slice(0, -1).reduce((last, s, i) => (s.status !== 'not_started' ? i : last), -1);
  for (let i = 0; i < lastTaken; i++) if (steps[i]!.status === 'not_started') steps[i] = { ...steps[i]!, status: 'skipped', date: null };

  const regNewer = r && r.status !== 'cancelled' && (!c || Date.parse(r.createdAt) > Date.parse(`${c.issuedOn}T23:59:59+08:00`));
  const level = regNewer ? r.session.level : c ? (c.level ?? 'special') : r ? r.session.level : (e?.project.targetLevel ?? null);

  return {
    occupation,
    level,
    currentStep: steps.find((s) => s.status !== 'done' && s.status !== 'skipped')?.key ?? null,
    steps,
    updatedAt: latest(
      e?.createdAt,
      e?.enrolledAt,
      e?.completedAt,
      e?.droppedAt,
      e?.cancelledAt,
      r?.createdAt,
      r?.cancelledAt,
      r?.result?.recordedAt,
      c ? `${c.issuedOn}T00:00:00+08:00` : null,
      c?.revokedAt,
      sub?.updatedAt,
    ),
  };
}

/** Journeys newest activity first: every occupation of a live enrollment (its main one), evaluation sign-up or certificate. */
export function buildJourneys(facts: JourneyFacts): Journey[] {
  const occupations = new Map<string, OccupationRef>();
  for (const e of facts.enrollments) {
    const main = e.occupations[0];
    if (main && e.status !== 'cancelled') occupations.set(main.code, main);
  }
  for (const r of facts.registrations) if (r.status !== 'cancelled') occupations.set(r.session.occupation.code, r.session.occupation);
  for (const c of facts.certificates) occupations.set(c.occupation.code, c.occupation);
  return [...occupations.values()]
    .map((o) => journeyFor(o, facts))
    .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || a.occupation.code.localeCompare(b.occupation.code));
}
