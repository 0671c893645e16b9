import type { CatalogLevel } from '../rules/levels';
import type { PersonCategory } from '../rules/person';
import type { SubsidyCheck, SubsidyRuleSet, SubsidyCheckInput } from '../rules/subsidy';
import type { SubsidyStatus } from '../schemas/subsidies';

/** One status change of an application (the audit trail, also the applicant's progress). */
export interface SubsidyEvent {
  from: SubsidyStatus | null;
  to: SubsidyStatus;
  reason: string | null;
  at: string;
  actorId: string | null;
}

export interface SubsidyApplication {
  id: string;
  certificate: { id: string; certificateNo: string; issuedOn: string };
  occupation: { code: string; name: string };
  level: CatalogLevel;
  amount: number;
  district: string;
  category: PersonCategory;
  status: SubsidyStatus;
  /** Always masked: `**** **** **** 1234`. */
  bankAccountMasked: string;
  appliedOn: string;
  rejectReason: string | null;
  publicityStart: string | null;
  publicityEnd: string | null;
  paymentRef: string | null;
  paidOn: string | null;
  createdAt: string;
  updatedAt: string;
  events: SubsidyEvent[];
}

export type SubsidyProgressState = 'done' | 'current' | 'pending' | 'failed';
export interface SubsidyProgressStep {
  key: 'submitted' | 'under_review' | 'approved' | 'publicised' | 'paid';
  label: string;
  state: SubsidyProgressState;
  date: string | null;
  note: string | null;
}

/** GET /api/me/subsidies item. */
export interface OwnSubsidyApplication extends SubsidyApplication {
  progress: SubsidyProgressStep[];
}

/** GET /api/review/subsidies item. */
export interface ReviewSubsidyApplication extends SubsidyApplication {
  applicant: { name: string | null; idNumberMasked: string | null };
}

export interface SubsidyReviewPage {
  items: ReviewSubsidyApplication[];
  totals: { count: number; amount: number };
  nextCursor: string | null;
}

export interface SubsidyStatsBucket {
  key: string;
  name?: string;
  count: number;
  amount: number;
}

export interface SubsidyStats {
  total: { count: number; amount: number };
  byStatus: SubsidyStatsBucket[];
  byDistrict: SubsidyStatsBucket[];
  byOccupation: SubsidyStatsBucket[];
  byCategory: SubsidyStatsBucket[];
  byMonth: SubsidyStatsBucket[];
}

/** What subsidy_check_facts returns: the pure check's input (without the declaration) and every rule version. */
export interface SubsidyCheckFacts {
  today: string;
  person: { category: PersonCategory | null; birthDate: string | null };
  certificate: SubsidyCheckInput['certificate'];
  claims: SubsidyCheckInput['claims'];
  ruleSets: SubsidyRuleSet[];
}

/** What subsidy_review_facts returns: the same facts as of the application's submission, with its stored declaration. */
export interface SubsidyReviewFacts extends SubsidyCheckFacts {
  drawsPension: boolean;
}

export type SubsidyCheckResponse = SubsidyCheck;

/** GET /api/review/subsidies/[id]: the application as the review list shows it and the rule check as of its submission. */
export interface SubsidyReviewDetail {
  application: ReviewSubsidyApplication;
  check: SubsidyCheck;
}

/** A certificate subsidised by unemployment insurance (失业保险技能提升补贴), recorded by an admin. */
export interface ExternalSubsidyClaim {
  id: string;
  certificateId: string;
  fund: 'unemployment_insurance';
  claimedOn: string;
  createdAt: string;
}
