/** What the enrollment, check-in and station endpoints answer. */
import type { PersonCategory } from '../rules/person';
import type { EnrollmentStatus } from '../schemas/enrollment';

export interface EnrollmentClass {
  id: string;
  code: string;
  name: string;
  startDate: string;
  endDate: string;
  schedule: string;
  district: string;
  districtName: string;
  address: string;
  status: 'published' | 'closed' | 'cancelled' | 'draft';
  project: { id: string; code: string; title: string };
  institution: { code: string; name: string };
}

export interface Enrollment {
  id: string;
  userId: string;
  status: EnrollmentStatus;
  /** Place on the waitlist (1 = next to get a seat) while waitlisted, else null. */
  position: number | null;
  classId: string;
  class: EnrollmentClass;
  referralStation: { code: string; name: string } | null;
  /** Sessions attended so far (frozen on completion or drop); null while waitlisted or cancelled. */
  attendedSessions: number | null;
  createdAt: string;
  enrolledAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  completedAt: string | null;
  droppedAt: string | null;
  dropReason: string | null;
}

/** POST /api/enrollments → 201 (a retry with the same Idempotency-Key answers the same, header Idempotency-Replayed: true). */
export interface EnrollResult {
  enrollment: Enrollment;
}

/** GET /api/enrollments/[id] */
export interface EnrollmentDetail {
  enrollment: Enrollment;
  /** Session days checked in. */
  attendance: string[];
}

/** DELETE /api/enrollments/[id] */
export interface CancelResult {
  enrollment: Enrollment;
  /** False when it was already cancelled (a retried request). */
  changed: boolean;
}

/** GET /api/enrollments/[id]/checkin-token */
export interface CheckInToken {
  token: string;
  expiresAt: string;
  /** The token as a QR code PNG, `data:image/png;base64,…`. */
  qrcode: string;
}

/** POST /api/checkins */
export interface CheckInResult {
  status: 'checked_in' | 'already_checked_in';
  enrollmentId: string;
  classId: string;
  className: string;
  sessionDate: string;
  checkedInAt: string;
  person: { name: string; idNumberMasked: string } | null;
  attended: number;
  sessions: number;
}

export interface ClassSettings {
  attendanceThreshold: number;
  waitlistLimit: number | null;
  completedAt: string | null;
}

export interface RosterItem {
  enrollmentId: string;
  status: EnrollmentStatus;
  position: number | null;
  /** Masked, e.g. 王**. */
  name: string | null;
  idNumberMasked: string | null;
  mobileMasked: string | null;
  category: PersonCategory | null;
  referralStation: string | null;
  createdAt: string;
  enrolledAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  dropReason: string | null;
  attendedDates: string[];
  attended: number;
  attendanceRate: number;
}

/** GET /api/classes/[id]/roster */
export interface Roster {
  class: {
    id: string;
    code: string;
    name: string;
    startDate: string;
    endDate: string;
    status: string;
    capacity: number;
    enrolled: number;
    project: { id: string; code: string; title: string };
  };
  settings: ClassSettings;
  sessionDates: string[];
  items: RosterItem[];
}

/** POST /api/classes/[id]/complete */
export interface CompletionResult {
  classId: string;
  attendanceThreshold: number;
  sessions: number;
  /** Completed by this run. */
  completed: number;
  /** Completed in all. */
  completedTotal: number;
  /** Still enrolled: below the threshold (drop them with a reason, or fix attendance and run again). */
  belowThreshold: { enrollmentId: string; name: string | null; attended: number; attendanceRate: number }[];
}

export interface Station {
  code: string;
  name: string;
  district: string;
  districtName: string;
  street: string;
  address: string;
  contactName: string;
  contactPhone: string;
}

/** GET /api/stations/me/qrcode (format=json) */
export interface StationQrCode {
  station: { code: string; name: string };
  target: { kind: 'class' | 'project'; id: string; code: string; title: string; name?: string };
  /** H5 link the QR code opens (carries the station code). */
  url: string;
  /** Mini-program page and scene for wxacode.getUnlimited. */
  page: string;
  scene: string;
  /** QR code of `url`, `data:image/png;base64,…`. */
  qrcode: string;
  /** The WeChat mini-program code, when WeChat is configured and answered; else null. */
  wxacode: string | null;
  wxacodeError: { code: string; message: string } | null;
}

export interface StationStatsRow {
  referrals: number;
  enrollments: number;
  completions: number;
}

/** GET /api/stations/me/stats */
export interface StationStats {
  station: { code: string; name: string; district: string; districtName: string; street: string };
  totals: StationStatsRow;
  byClass: (StationStatsRow & { classId: string; classCode: string; className: string; startDate: string; projectTitle: string })[];
  byProject: { projectId: string; projectCode: string; projectTitle: string; referrals: number }[];
  byWeek: (StationStatsRow & { week: string; weekStart: string })[];
}

/** GET /api/stations/scene */
export interface SceneTarget {
  stationCode: string;
  classId: string | null;
  projectId: string | null;
}
