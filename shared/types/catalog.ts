/** Shapes of the public catalog API (GET /api/catalog/*). Dates are YYYY-MM-DD, times ISO 8601 with offset. */
import type { CatalogLevel } from '../rules/levels';
import type {
  Audience,
  CarrierType,
  DemandSource,
  DemandStatus,
  EnrollmentState,
  InstitutionKind,
  ProjectType,
  SalaryUnit,
  TrainingMode,
} from '../schemas/catalog';

/** Every list answers this: a page, the opaque cursor of the next page (null on the last) and the total. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

export interface CodeName {
  code: string;
  name: string;
}

export interface CatalogOccupationRef extends CodeName {
  /** A 专项职业能力 item rather than an occupation with levels. */
  isSpecialty: boolean;
}

export interface CatalogInstitutionRef {
  id: string;
  code: string;
  name: string;
}

export interface ClassSummary {
  id: string;
  code: string;
  name: string;
  startDate: string;
  endDate: string;
  schedule: string;
  district: string;
  districtName: string;
  address: string;
  lat: number | null;
  lng: number | null;
  /** No venue: taught online. */
  online: boolean;
  capacity: number;
  seatsLeft: number;
  enrollOpensAt: string;
  enrollClosesAt: string;
  enrollment: EnrollmentState;
  /** Yuan for a person the subsidy does not cover; 0 when free. */
  fee: number;
  /** km from the lat/lng given in the query, else null. */
  distanceKm: number | null;
}

export interface ProjectSummary {
  id: string;
  code: string;
  title: string;
  projectType: ProjectType;
  field: CodeName;
  /** Main occupation first. */
  occupations: CatalogOccupationRef[];
  level: CatalogLevel;
  mode: TrainingMode;
  audiences: Audience[];
  hours: number;
  headcount: number;
  funding: 'subsidised' | 'fee';
  fee: number;
  institution: CatalogInstitutionRef & { district: string };
  publishedAt: string;
}

export interface ProjectListItem extends ProjectSummary {
  /** Soonest class matching the filters (upcoming, public), or null. */
  nextClass: ClassSummary | null;
  /** Upcoming public classes matching the filters. */
  classCount: number;
  seatsLeft: number;
  /** Nearest matching venue when lat/lng were given. */
  distanceKm: number | null;
  /** Why it matched the search q; null without q. */
  match: 'title' | 'occupation' | 'institution' | 'content' | 'pinyin' | 'initials' | null;
}

export interface InstitutionPublic {
  id: string;
  code: string;
  name: string;
  kind: InstitutionKind;
  carrierType: CarrierType;
  whitelistedOn: string;
  district: string;
  districtName: string;
  districtsServed: string[];
  address: string;
  lat: number | null;
  lng: number | null;
  contactPhone: string;
  description: string;
}

export interface InstitutionListItem extends InstitutionPublic {
  projectCount: number;
  /** Evaluators: what they may certify. */
  occupations: Array<CodeName & { levels: CatalogLevel[] }>;
}

export interface EvaluationSessionItem {
  id: string;
  code: string;
  institution: CatalogInstitutionRef;
  occupation: CatalogOccupationRef;
  level: CatalogLevel;
  startsAt: string;
  endsAt: string;
  district: string;
  districtName: string;
  place: string;
  lat: number | null;
  lng: number | null;
  capacity: number;
  seatsLeft: number;
  signupOpensAt: string;
  signupClosesAt: string;
  signup: EnrollmentState;
  fee: number;
  distanceKm: number | null;
}

export interface SalaryFigures {
  year: number;
  level: CatalogLevel;
  unit: SalaryUnit;
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
  source: string;
}

export interface SalaryItem extends SalaryFigures {
  occupation: CatalogOccupationRef & { fieldCode: string };
}

export interface EvaluationPath {
  certificate: 'skill_level' | 'specialty';
  occupation: CatalogOccupationRef;
  level: CatalogLevel;
  institutions: Array<CatalogInstitutionRef & { district: string; districtName: string }>;
  /** Next public sessions (up to 5). */
  sessions: EvaluationSessionItem[];
}

export interface DemandItem {
  id: string;
  code: string;
  enterprise: { id: string; name: string };
  occupation: CatalogOccupationRef;
  field: CodeName;
  level: CatalogLevel | null;
  headcount: number;
  skillRequirements: string;
  district: string;
  districtName: string;
  wantedBy: string;
  /** Monthly pay offered (元/月), when the enterprise named it. */
  payMin: number | null;
  payMax: number | null;
  source: DemandSource;
  status: DemandStatus;
  publishedAt: string;
  /** Public projects answering it. */
  projectCount: number;
  /** Headcount not yet covered by published projects answering it (never below 0). */
  remainingHeadcount: number;
  /** The public projects answering it, oldest first. */
  projects: Array<{ id: string; code: string; title: string; headcount: number; institution: { code: string; name: string } }>;
}

export interface ProjectDetail extends ProjectSummary {
  content: string;
  /** Who developed it: a training institution, or self-developed by a district, department or 群团组织. */
  source: 'institution' | 'district' | 'department' | 'mass_org';
  sourceName: string | null;
  institution: InstitutionPublic;
  /** Current and upcoming public classes, soonest first (full and closed ones included, with their state). */
  classes: ClassSummary[];
  demands: DemandItem[];
  evaluationPath: EvaluationPath | null;
  /** Latest salary guide for the main occupation at the project's level, or null. */
  salary: SalaryFigures | null;
}

export interface ClassDetail extends ClassSummary {
  sessions: Array<{ date: string; start: string; end: string }>;
  project: ProjectSummary;
  institution: InstitutionPublic;
}

export interface FacetCount {
  code: string;
  count: number;
}

export interface CatalogFacets {
  total: number;
  fields: Array<FacetCount & { name: string }>;
  districts: Array<FacetCount & { name: string }>;
  occupations: Array<FacetCount & { name: string; fieldCode: string }>;
  modes: FacetCount[];
  levels: FacetCount[];
  audiences: FacetCount[];
  /** Projects with a class open for enrollment now. */
  open: number;
}
