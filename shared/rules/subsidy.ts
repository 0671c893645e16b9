/**
 * Skills-upgrading subsidy (职业技能提升补助) eligibility: one pure function used by the API, by the
 * caller of the Postgres function that files an application, and by the mini-program's pre-check.
 * Every figure comes from a rule set (the `subsidy_rules` table, versioned by effective date);
 * the seed values are POLICY.md's.
 */
import { ageOn } from './idNumber';
import { LEVELS, isHigherLevel, type CatalogLevel } from './levels';
import { PERSON_CATEGORIES, type PersonCategory } from './person';
import { dayjs } from './time';

/** This programme's subsidy, or the unemployment-insurance 技能提升补贴 (a separate fund). */
export type SubsidyFund = 'programme' | 'unemployment_insurance';

export const SUBSIDY_RULES = [
  'certificate_valid',
  'person_category',
  'age',
  'no_pension',
  'deadline',
  'one_per_certificate',
  'same_occupation_level',
  'lower_level',
  'annual_cap',
  'amount',
] as const;
export type SubsidyRule = (typeof SUBSIDY_RULES)[number];

export interface SubsidyRuleSet {
  /** First day (YYYY-MM-DD) these figures apply. */
  effectiveFrom: string;
  eligibleCategories: PersonCategory[];
  /** Yuan per certificate level; a level missing here is not subsidised. */
  amounts: Partial<Record<CatalogLevel, number>>;
  /** Apply within this many months of the issue date (the last day included). */
  deadlineMonths: number;
  /** Subsidies per person per calendar year. */
  annualCap: number;
  minAge: number;
}

/** POLICY.md's seed values; the database table is seeded with the same. */
export const SEED_SUBSIDY_RULES: SubsidyRuleSet = {
  effectiveFrom: '2025-01-01',
  eligibleCategories: ['rural_migrant', 'unemployed_graduate', 'registered_unemployed', 'hard_to_employ'],
  amounts: { '5': 1000, '4': 1500, '3': 2000, '2': 2500, '1': 3000, special: 800 },
  deadlineMonths: 12,
  annualCap: 3,
  minAge: 16,
};

/** A subsidy the person already has: submitted, under review, approved, publicised or paid (not rejected or withdrawn). */
export interface PriorClaim {
  certificateId: string;
  occupationCode: string;
  occupationName: string;
  level: CatalogLevel;
  fund: SubsidyFund;
  /** YYYY-MM-DD the claim was filed. */
  appliedOn: string;
}

export interface SubsidyCheckInput {
  /** Beijing date of the check, YYYY-MM-DD. */
  today: string;
  person: {
    category: PersonCategory | null;
    birthDate: string | null;
    /** Whether the person draws a pension (declared on the application); null when not yet declared. */
    drawsPension: boolean | null;
  };
  certificate: {
    id: string;
    status: 'valid' | 'revoked';
    occupationCode: string;
    occupationName: string;
    level: CatalogLevel;
    /** YYYY-MM-DD */
    issuedOn: string;
  };
  claims: PriorClaim[];
}

export interface SubsidyRuleResult {
  rule: SubsidyRule;
  passed: boolean;
  /** One plain Chinese sentence with the dates and numbers involved. */
  explanation: string;
}

export interface SubsidyCheck {
  eligible: boolean;
  /** Yuan the person would receive; 0 when not eligible. */
  amount: number;
  rules: SubsidyRuleResult[];
}

/** The rule set in force on a day: the latest whose effective date is not after it. */
export function ruleSetOn(ruleSets: readonly SubsidyRuleSet[], day: string): SubsidyRuleSet | undefined {
  return [...ruleSets].filter((r) => r.effectiveFrom <= day).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}

/** The last day to apply: the issue date plus the deadline in months (29 Feb + 12 months → 28 Feb). */
export function applicationDeadline(issuedOn: string, months: number): string {
  return dayjs(issuedOn).add(months, 'month').format('YYYY-MM-DD');
}

/** `2026-03-05` → `2026年3月5日`. */
export function chineseDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const levelName = (level: CatalogLevel) => (level === 'special' ? '专项职业能力' : LEVELS[level].label);
const certificateTitle = (c: { occupationName: string; level: CatalogLevel }) =>
  `${c.occupationName}（${levelName(c.level)}）`;

export function checkSubsidy(rules: SubsidyRuleSet, input: SubsidyCheckInput): SubsidyCheck {
  const { today, person, certificate: cert, claims } = input;
  const results: SubsidyRuleResult[] = [];
  const add = (rule: SubsidyRule, passed: boolean, explanation: string) => results.push({ rule, passed, explanation });

  add(
    'certificate_valid',
    cert.status === 'valid',
    cert.status === 'valid' ? `证书${certificateTitle(cert)}状态有效。` : `证书${certificateTitle(cert)}已被撤销，不能申请补助。`,
  );

  const groups = rules.eligibleCategories.map((c) => PERSON_CATEGORIES[c]).join('、');
  if (!person.category) {
    add('person_category', false, `请先在“我的资料”中选择人员类别；补助对象为${groups}。`);
  } else {
    const eligible = rules.eligibleCategories.includes(person.category);
    add(
      'person_category',
      eligible,
      eligible
        ? `您的人员类别是“${PERSON_CATEGORIES[person.category]}”，属于补助对象。`
        : `您的人员类别是“${PERSON_CATEGORIES[person.category]}”，不在补助对象（${groups}）之内；参保职工可向失业保险申请技能提升补贴。`,
    );
  }

  if (!person.birthDate) {
    add('age', false, '无法从证件信息得知您的出生日期，请在“我的资料”中填写居民身份证号。');
  } else {
    const age = ageOn(person.birthDate, today);
    add(
      'age',
      age >= rules.minAge,
      age >= rules.minAge ? `您今年${age}周岁，满${rules.minAge}周岁。` : `您现在${age}周岁，需年满${rules.minAge}周岁才能申请。`,
    );
  }

  add(
    'no_pension',
    person.drawsPension === false,
    person.drawsPension === null
      ? '请确认您没有按月领取养老金。'
      : person.drawsPension
        ? '已按月领取养老金的人员不能申请本补助。'
        : '您确认没有按月领取养老金。',
  );

  const deadline = applicationDeadline(cert.issuedOn, rules.deadlineMonths);
  const inTime = today <= deadline;
  add(
    'deadline',
    inTime,
    `证书发证日期为${chineseDate(cert.issuedOn)}，须在${chineseDate(deadline)}前（含当天）申请；今天是${chineseDate(today)}，${
      inTime ? '在期限内' : '已超过申请期限'
    }。`,
  );

  const sameCertificate = claims.find((c) => c.certificateId === cert.id);
  add(
    'one_per_certificate',
    !sameCertificate,
    !sameCertificate
      ? '这张证书还没有申请过任何技能提升类补贴。'
      : sameCertificate.fund === 'programme'
        ? `这张证书已于${chineseDate(sameCertificate.appliedOn)}申请过本补助，每张证书只能申请一次。`
        : `这张证书已于${chineseDate(sameCertificate.appliedOn)}申请过失业保险技能提升补贴，同一张证书只能享受一项补贴。`,
  );

  const sameLevel = claims.find(
    (c) => c.certificateId !== cert.id && c.occupationCode === cert.occupationCode && c.level === cert.level,
  );
  add(
    'same_occupation_level',
    !sameLevel,
    sameLevel
      ? `您已于${chineseDate(sameLevel.appliedOn)}申请过${certificateTitle(sameLevel)}的补贴，同一职业同一等级只补贴一次。`
      : `您没有申请过${certificateTitle(cert)}的补贴。`,
  );

  const higher = claims.find((c) => c.occupationCode === cert.occupationCode && isHigherLevel(c.level, cert.level));
  add(
    'lower_level',
    !higher,
    higher
      ? `您已申请过更高等级的${certificateTitle(higher)}补贴，同一职业不再补贴较低等级。`
      : `同一职业没有申请过比${levelName(cert.level)}更高等级的补贴。`,
  );

  const year = today.slice(0, 4);
  // The cap is this fund's; unemployment-insurance claims have their own.
  const thisYear = claims.filter((c) => c.fund === 'programme' && c.appliedOn.startsWith(year)).length;
  add(
    'annual_cap',
    thisYear < rules.annualCap,
    thisYear < rules.annualCap
      ? `${year}年您已申请${thisYear}次，每人每年最多${rules.annualCap}次，本次是第${thisYear + 1}次。`
      : `${year}年您已申请${thisYear}次，已达到每人每年最多${rules.annualCap}次的上限。`,
  );

  const standard = rules.amounts[cert.level];
  add(
    'amount',
    standard !== undefined && standard > 0,
    standard ? `${levelName(cert.level)}证书的补助标准为${standard}元。` : `${levelName(cert.level)}证书不在补助范围内。`,
  );

  const eligible = results.every((r) => r.passed);
  return { eligible, amount: eligible ? (standard ?? 0) : 0, rules: results };
}
