/** Responses of the publishing endpoints (classes and evaluation sessions staff schedule) and the whitelist review list. */
import type { CatalogLevel } from '../rules/levels';
import type { PublicationStatus, WhitelistStatus } from '../schemas/publishing';
import type { EvaluationSessionItem } from './catalog';
import type { WhitelistEvent } from './supply';

export interface ClassSession {
  date: string;
  start: string;
  end: string;
}

/** A class as its institution's staff see it. */
export interface StaffClass {
  id: string;
  code: string;
  name: string;
  status: PublicationStatus;
  project: { id: string; code: string; title: string; status: string; funding: 'subsidised' | 'fee'; fee: number; mode: string };
  institution: { id: string; code: string; name: string; whitelistStatus: WhitelistStatus };
  startDate: string;
  endDate: string;
  schedule: string;
  sessions: ClassSession[];
  district: string;
  districtName: string;
  address: string;
  lat: number | null;
  lng: number | null;
  capacity: number;
  /** Seats taken: the lowest capacity an edit may set. */
  enrolled: number;
  waitlisted: number;
  enrollOpensAt: string;
  enrollClosesAt: string;
  fee: number;
  cancelReason: string | null;
  createdAt: string;
  updatedAt: string;
  /** Only in the answer to a cancellation: how many people were released and notified. */
  released?: number;
}

export interface SchedulableProject {
  id: string;
  code: string;
  title: string;
  funding: 'subsidised' | 'fee';
  fee: number;
  mode: string;
  hours: number;
}

/** GET /api/classes */
export interface InstitutionClasses {
  items: StaffClass[];
  counts: Record<PublicationStatus, number>;
  /** Published projects of the caller's institution a new class can run. */
  projects: SchedulableProject[];
}

/** An evaluation session as its evaluator's staff see it. */
export interface StaffEvaluationSession {
  id: string;
  code: string;
  status: PublicationStatus;
  level: CatalogLevel;
  startsAt: string;
  endsAt: string;
  district: string;
  districtName: string;
  place: string;
  lat: number | null;
  lng: number | null;
  fee: number;
  capacity: number;
  registered: number;
  signupOpensAt: string;
  signupClosesAt: string;
  allowsSelfStudy: boolean;
  occupation: { code: string; name: string; isSpecialty: boolean };
  institution: { code: string; name: string };
  cancelReason: string | null;
  createdAt: string;
  updatedAt: string;
  released?: number;
}

/** One sitting in GET /api/evaluation-sessions (the evaluator's own staff): the public item plus its status and the people signed up. */
export interface StaffEvaluationSessionItem extends EvaluationSessionItem {
  status: PublicationStatus;
  /** Places taken: the lowest capacity an edit may set, and who a cancellation tells. */
  registered: number;
  cancelReason: string | null;
}

/** GET /api/evaluation-sessions: the evaluator's sittings (drafts included), with counts per status over the same window. */
export interface EvaluatorSessions {
  items: StaffEvaluationSessionItem[];
  nextCursor: null;
  total: number;
  counts: Record<PublicationStatus, number>;
}

/** GET /api/evaluation-sessions/scope: what each of the caller's evaluators may schedule sittings for. */
export interface EvaluationScope {
  institutions: Array<{
    code: string;
    name: string;
    district: string;
    whitelistStatus: WhitelistStatus;
    occupations: Array<{ code: string; name: string; isSpecialty: boolean; levels: CatalogLevel[] }>;
  }>;
}

/** One institution in the reviewer's whitelist list. */
export interface ReviewInstitution {
  id: string;
  code: string;
  name: string;
  kind: 'training' | 'evaluation';
  carrierType: string;
  district: string;
  districtName: string;
  whitelistStatus: WhitelistStatus;
  whitelistedOn: string | null;
  history: WhitelistEvent[];
}

/** GET /api/review/institutions */
export interface ReviewInstitutionList {
  items: ReviewInstitution[];
  counts: Record<WhitelistStatus, number>;
}
