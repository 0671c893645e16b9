/** Responses of the job, matching, interest and employment endpoints. */
import type { JobSalaryGuide, PayComparison } from '../rules/jobMatch';
import type { CatalogLevel } from '../rules/levels';
import type { EmploymentSource, JobSource } from '../schemas/jobs';

/** A job as the public sees it: never a contact. */
export interface JobItem {
  id: string;
  title: string;
  enterprise: { id: string; name: string };
  occupation: { code: string; name: string; isSpecialty: boolean };
  /** Level wanted; null when any level will do. */
  level: CatalogLevel | null;
  openings: number;
  payMin: number | null;
  payMax: number | null;
  district: string;
  districtName: string;
  address: string;
  benefits: string[];
  validUntil: string;
  status: 'open' | 'closed';
  source: JobSource;
  createdAt: string;
  salaryGuide: JobSalaryGuide | null;
  /** The job's pay against the salary guide median (shared/rules/jobMatch.ts). */
  payComparison: PayComparison | null;
}

export interface JobContact {
  name: string;
  phone: string;
}

export interface JobDetail extends JobItem {
  description: string;
  /** Only for the job's managers and for people who marked interest with consent. */
  contact: JobContact | null;
  canManage: boolean;
  myInterest: { consentToShareContact: boolean; markedAt: string } | null;
  /** Managers only. */
  interestedCount?: number;
  stationCode?: string | null;
  demandId?: string | null;
}

export interface JobMatchItem {
  job: JobItem;
  /** One line, e.g. 您持有电工四级证书 · 同在朝阳区 · 高于本职业中位数 12% */
  reason: string;
  sameDistrict: boolean;
  qualification: { kind: 'certificate' | 'training'; occupationName: string; level: CatalogLevel | null };
}

export interface JobMatches {
  items: JobMatchItem[];
  /** When there is nothing to show: what the person can do. */
  hint: string | null;
}

export interface JobInterestResult {
  interest: { jobId: string; consentToShareContact: boolean; markedAt: string };
  contact: JobContact | null;
}

/** Someone who marked interest with consent: shown in full to the job's managers so they can call. */
export interface InterestedPerson {
  userId: string;
  name: string;
  mobile: string;
  district: string;
  certificates: { occupation: string; level: string | null }[];
  markedAt: string;
}

export interface JobInterested {
  job: { id: string; title: string; status: 'open' | 'closed' };
  items: InterestedPerson[];
  /** Interested people who did not consent: counted only. */
  withoutConsent: number;
}

export interface EmploymentOutcome {
  id: string;
  /** Staff views only; the name masked. */
  person: { userId: string; name: string | null } | null;
  employerName: string;
  occupation: { code: string; name: string } | null;
  hiredOn: string;
  monthlyPay: number | null;
  jobId: string | null;
  source: EmploymentSource;
  institutionId: string | null;
  stationCode: string | null;
  createdAt: string;
}
