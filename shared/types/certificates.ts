/** What the evaluation and certificate endpoints answer. */
import type { CertificateLevel, CertificateType } from '../rules/certificateNumber';
import type { IdType } from '../rules/person';
import type { CertificateStatus, EvaluationOutcome, EvaluationRegistrationStatus } from '../schemas/certificates';

export interface OccupationRef {
  code: string;
  name: string;
  isSpecialty: boolean;
}

export interface InstitutionRef {
  code: string;
  name: string;
}

/** A certificate as the public sees it (lookup, verification): holder masked. */
export interface PublicCertificate {
  certificateNo: string;
  type: CertificateType;
  status: CertificateStatus;
  holder: { name: string; idType: IdType; idNumberMasked: string };
  occupation: OccupationRef;
  /** 工种/职业方向; null prints as "--". */
  direction: string | null;
  /** '5'…'1'; null for 专项职业能力证书. */
  level: CertificateLevel | null;
  institution: InstitutionRef;
  issuedOn: string;
  revokedAt: string | null;
}

/** A certificate as the issuing institution's staff (and admins) see it: still masked. */
export interface StaffCertificate extends PublicCertificate {
  id: string;
  source: 'evaluation' | 'import';
  revokeReason: string | null;
  createdAt: string;
}

/** A certificate as its holder sees it: full name and ID number, the verification link. */
export interface OwnCertificate extends StaffCertificate {
  holder: { name: string; idType: IdType; idNumberMasked: string; idNumber: string | null };
  verifyToken: string;
  /** The link the certificate's QR code carries (H5 page CERTIFICATE_VERIFY_PAGE?token=…). */
  verifyUrl: string;
}

export interface CertificateLookupResult {
  items: PublicCertificate[];
}

export interface CertificateVerification {
  certificate: PublicCertificate;
}

export interface CertificateQrCode {
  verifyUrl: string;
  /** data:image/png;base64,… */
  qrcode: string;
}

export interface EvaluationSessionBrief {
  id: string;
  code: string;
  level: CertificateLevel | 'special';
  startsAt: string;
  endsAt: string;
  district: string;
  districtName: string;
  place: string;
  fee: number;
  status: 'draft' | 'published' | 'closed' | 'cancelled';
  signupOpensAt: string;
  signupClosesAt: string;
  capacity: number;
  registered: number;
  allowsSelfStudy: boolean;
  occupation: OccupationRef;
  institution: InstitutionRef;
}

export interface EvaluationRegistration {
  id: string;
  status: EvaluationRegistrationStatus;
  basis: 'training' | 'self_study';
  createdAt: string;
  cancelledAt: string | null;
  canCancel: boolean;
  session: EvaluationSessionBrief;
  result: { outcome: EvaluationOutcome; score: number | null; recordedAt: string } | null;
  certificate: { id: string; certificateNo: string; status: CertificateStatus; issuedOn: string } | null;
}

export interface EvaluationSignupResult {
  registration: EvaluationRegistration;
}

export interface EvaluationCancelResult {
  registration: EvaluationRegistration;
  changed: boolean;
}

export interface EvaluationCandidate {
  registrationId: string;
  status: EvaluationRegistrationStatus;
  basis: 'training' | 'self_study';
  name: string;
  idNumberMasked: string;
  createdAt: string;
  result: { outcome: EvaluationOutcome; score: number | null; recordedAt: string; certificateNo: string | null } | null;
}

export interface EvaluationCandidates {
  session: EvaluationSessionBrief;
  canRecordResults: boolean;
  items: EvaluationCandidate[];
}

export interface RecordResultsResult {
  sessionId: string;
  recorded: number;
  unchanged: number;
  results: Array<{
    registrationId: string;
    outcome: EvaluationOutcome;
    score: number | null;
    changed: boolean;
    certificate: { id: string; certificateNo: string } | null;
  }>;
}

export interface CertificateImportReport {
  import: {
    id: string;
    status: 'receiving' | 'committed' | 'rejected';
    partial: boolean;
    parts: number;
    partsReceived: number;
    rows: number;
    accepted: number;
    rejected: number;
    imported: number;
    createdAt: string;
    finishedAt: string | null;
  };
  /** Rejected rows so far (the first 1000); `row` as a spreadsheet numbers it, the header being row 1. */
  rejected: Array<{ row: number; certificateNo: string; reason: string }>;
}

export const JOURNEY_STEPS = {
  enroll: '报名',
  checkin: '签到',
  complete: '结业',
  evaluation_signup: '评价报名',
  evaluation_result: '评价结果',
  certificate: '取证',
  subsidy: '补贴',
} as const;
export type JourneyStepKey = keyof typeof JOURNEY_STEPS;

/**
 * done; in_progress (waitlisted, class running, waiting for a result); failed (dropped, failed or
 * absent); cancelled; revoked (certificate); skipped (training steps of a self-study candidate);
 * not_started.
 */
export type JourneyStepStatus = 'done' | 'in_progress' | 'failed' | 'cancelled' | 'revoked' | 'skipped' | 'not_started';

export interface JourneyStep {
  key: JourneyStepKey;
  label: string;
  status: JourneyStepStatus;
  /** Beijing date (YYYY-MM-DD) the step happened or, for in_progress, is due; null when unknown. */
  date: string | null;
  /** One line for the person, e.g. the class name, the session code, the certificate number. */
  note: string | null;
  /** Ids to link to: enrollmentId, classId, registrationId, sessionId, certificateId. */
  ref: Record<string, string> | null;
}

export interface Journey {
  occupation: OccupationRef;
  /** The level pursued: of the certificate, else the evaluation, else the training; null when unknown. */
  level: CertificateLevel | 'special' | null;
  /** The first step that is neither done nor skipped; null when everything so far is done. */
  currentStep: JourneyStepKey | null;
  steps: JourneyStep[];
  /** Latest activity (ISO time), the order of the list (newest first). */
  updatedAt: string;
}

export interface JourneyResult {
  items: Journey[];
}
