/**
 * Job matching (为您推荐的岗位): which open jobs fit a person and in what order, with a one-line reason.
 * The database only gathers candidates (job_match_facts); every decision is made here.
 *
 * Fit: the job's occupation is one the person holds a valid certificate in, or completed a class in
 * (at the class's target level); their level meets or exceeds the level wanted (any level when none
 * is wanted; a 专项 job wants 专项). Order, each step breaking ties of the one before:
 *   1. a certificate before a completed class only;
 *   2. the same district as the person's profile before other districts (we have no home
 *      coordinates, so distance is "same district or not");
 *   3. pay versus the salary guide median, higher first (a job without pay or guide counts as at
 *      the median);
 *   4. freshness: newer postings first (then by id, for a stable order).
 * Pay versus the median: the job's pay is the midpoint of its range (the one figure when only one is
 * named), compared with the guide's monthly median (元/年 ÷ 12) as a whole percentage.
 */
import { LEVELS, type CatalogLevel } from './levels';
import { beijingToday } from './time';

export interface JobQualification {
  kind: 'certificate' | 'training';
  occupationCode: string;
  occupationName: string;
  /** '5'…'1' or 'special'; null when unknown. */
  level: CatalogLevel | null;
}

export interface JobSalaryGuide {
  year: number;
  level: string;
  unit: 'yuan_per_month' | 'yuan_per_year';
  p50: number;
  /** The median in 元/月. */
  monthlyMedian: number;
}

export interface MatchableJob {
  id: string;
  title: string;
  occupation: { code: string; name: string };
  level: CatalogLevel | null;
  district: string;
  districtName: string;
  payMin: number | null;
  payMax: number | null;
  createdAt: string;
  salaryGuide: JobSalaryGuide | null;
}

export interface PayComparison {
  /** The job's pay used for the comparison (元/月). */
  pay: number;
  /** The guide's monthly median (元/月). */
  median: number;
  /** Whole percent above (positive) or below (negative) the median. */
  percent: number;
  /** e.g. 高于本职业中位数 12% */
  text: string;
}

export interface JobMatchFacts<J extends MatchableJob = MatchableJob> {
  district: string | null;
  districtName: string | null;
  qualifications: JobQualification[];
  jobs: J[];
}

export interface JobMatch<J extends MatchableJob = MatchableJob> {
  job: J;
  qualification: JobQualification;
  sameDistrict: boolean;
  pay: PayComparison | null;
  /** Days since the job was posted (Beijing dates). */
  ageDays: number;
  /** e.g. 您持有电工四级证书 · 同在朝阳区 · 高于本职业中位数 12% */
  reason: string;
}

export const JOB_MATCH_HINTS = {
  noQualifications: '您还没有证书或结业的培训。报名培训、取得证书后，我们会在这里为您推荐对口的岗位。',
  noJobs: '暂时没有与您的证书或培训对口的在招岗位，可以先看看全部岗位。',
} as const;

/** The pay a job offers for comparison: midpoint of its range, or the one figure named; null when none. */
export function jobPay(job: Pick<MatchableJob, 'payMin' | 'payMax'>): number | null {
  if (job.payMin !== null && job.payMax !== null) return (job.payMin + job.payMax) / 2;
  return job.payMin ?? job.payMax ?? null;
}

/** The job's pay against its occupation's median; null without pay or guide. */
export function payVersusMedian(job: Pick<MatchableJob, 'payMin' | 'payMax' | 'salaryGuide'>): PayComparison | null {
  const pay = jobPay(job);
  const median = job.salaryGuide?.monthlyMedian;
  if (pay === null || !median || median <= 0) return null;
  const percent = Math.round(((pay - median) / median) * 100);
  const text = percent > 0 ? `高于本职业中位数 ${percent}%` : percent < 0 ? `低于本职业中位数 ${-percent}%` : '与本职业中位数持平';
  return { pay, median, percent, text };
}

/** True when a person at `held` may take a job wanting `wanted`. */
export function levelFits(held: CatalogLevel | null, wanted: CatalogLevel | null): boolean {
  if (wanted === null) return true;
  if (held === null) return false;
  if (wanted === 'special' || held === 'special') return held === wanted;
  return LEVELS[held].rank! >= LEVELS[wanted].rank!;
}

const levelRank = (level: CatalogLevel | null) => (level === null ? 0 : (LEVELS[level].rank ?? 1));

/** The person's strongest qualification that fits the job: certificates first, then the highest level. */
export function bestQualification(qualifications: JobQualification[], job: Pick<MatchableJob, 'occupation' | 'level'>): JobQualification | undefined {
  return qualifications
    .filter((q) => q.occupationCode === job.occupation.code && levelFits(q.level, job.level))
    .sort((a, b) => Number(b.kind === 'certificate') - Number(a.kind === 'certificate') || levelRank(b.level) - levelRank(a.level))[0];
}

/** 您持有电工四级证书 / 您持有直播销售专项职业能力证书 / 您已完成养老护理员培训 */
export function qualificationPhrase(q: JobQualification): string {
  if (q.kind === 'training') return `您已完成${q.occupationName}培训`;
  if (q.level === 'special') return `您持有${q.occupationName}专项职业能力证书`;
  const level = q.level ? LEVELS[q.level].label.split('/')[0] : '';
  return `您持有${q.occupationName}${level}证书`;
}

function daysBetween(fromDay: string, toDay: string): number {
  return Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / 86_400_000);
}

/** The fitting jobs for a person, best first, each with its reason. `today` is a Beijing date (YYYY-MM-DD). */
export function rankJobMatches<J extends MatchableJob>(facts: JobMatchFacts<J>, today: string): JobMatch<J>[] {
  const matches: JobMatch<J>[] = [];
  for (const job of facts.jobs) {
    const qualification = bestQualification(facts.qualifications, job);
    if (!qualification) continue;
    const sameDistrict = facts.district !== null && facts.district === job.district;
    const pay = payVersusMedian(job);
    const ageDays = Math.max(0, daysBetween(beijingToday(new Date(job.createdAt)), today));
    const parts = [qualificationPhrase(qualification), sameDistrict ? `同在${job.districtName}` : `位于${job.districtName}`];
    if (pay) parts.push(pay.text);
    matches.push({ job, qualification, sameDistrict, pay, ageDays, reason: parts.join(' · ') });
  }
  return matches.sort(
    (a, b) =>
      Number(b.qualification.kind === 'certificate') - Number(a.qualification.kind === 'certificate') ||
      Number(b.sameDistrict) - Number(a.sameDistrict) ||
      (b.pay?.percent ?? 0) - (a.pay?.percent ?? 0) ||
      Date.parse(b.job.createdAt) - Date.parse(a.job.createdAt) ||
      (a.job.id < b.job.id ? -1 : a.job.id > b.job.id ? 1 : 0),
  );
}
