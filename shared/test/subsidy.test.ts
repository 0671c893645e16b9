import { describe, expect, it } from 'vitest';
import {
  SEED_SUBSIDY_RULES,
  applicationDeadline,
  checkSubsidy,
  ruleSetOn,
  type PriorClaim,
  type SubsidyCheckInput,
  type SubsidyRule,
} from '../rules/subsidy';

function input(overrides: { today?: string; person?: Partial<SubsidyCheckInput['person']>; certificate?: Partial<SubsidyCheckInput['certificate']>; claims?: PriorClaim[] } = {}): SubsidyCheckInput {
  return {
    today: overrides.today ?? '2026-06-01',
    person: { category: 'registered_unemployed', birthDate: '1985-06-15', drawsPension: false, ...overrides.person },
    certificate: {
      id: 'cert-1',
      status: 'valid',
      occupationCode: '4-10-01-05',
      occupationName: '养老护理员',
      level: '4',
      issuedOn: '2026-03-15',
      ...overrides.certificate,
    },
    claims: overrides.claims ?? [],
  };
}

function claim(overrides: Partial<PriorClaim> = {}): PriorClaim {
  return {
    certificateId: 'other-cert',
    occupationCode: '6-31-01-03',
    occupationName: '电工',
    level: '5',
    fund: 'programme',
    appliedOn: '2026-02-01',
    ...overrides,
  };
}

const outcome = (i: SubsidyCheckInput, rule: SubsidyRule) => checkSubsidy(SEED_SUBSIDY_RULES, i).rules.find((r) => r.rule === rule)!;

describe('checkSubsidy', () => {
  it('passes an eligible person with the level amount and a sentence per rule', () => {
    const result = checkSubsidy(SEED_SUBSIDY_RULES, input());
    expect(result.eligible).toBe(true);
    expect(result.amount).toBe(1500);
    expect(result.rules.map((r) => r.rule)).toEqual([
      'certificate_valid', 'person_category', 'age', 'no_pension', 'deadline',
      'one_per_certificate', 'same_occupation_level', 'lower_level', 'annual_cap', 'amount',
    ]);
    for (const r of result.rules) expect(r.explanation).toMatch(/[\u4e00-\u9fa5].*[。]$/);
  });

  it.each([
    ['5', 1000], ['4', 1500], ['3', 2000], ['2', 2500], ['1', 3000], ['special', 800],
  ] as const)('pays level %s %i yuan', (level, amount) => {
    expect(checkSubsidy(SEED_SUBSIDY_RULES, input({ certificate: { level } })).amount).toBe(amount);
  });

  describe('12-month deadline', () => {
    it('accepts the last day and refuses the day after, naming the dates', () => {
      const lastDay = outcome(input({ today: '2027-03-15' }), 'deadline');
      expect(lastDay.passed).toBe(true);
      expect(lastDay.explanation).toContain('2027年3月15日前（含当天）');
      const dayAfter = outcome(input({ today: '2027-03-16' }), 'deadline');
      expect(dayAfter.passed).toBe(false);
      expect(dayAfter.explanation).toContain('已超过申请期限');
      expect(dayAfter.explanation).toContain('2026年3月15日');
    });

    it('a 29 February issue date runs to 28 February the next year', () => {
      expect(applicationDeadline('2024-02-29', 12)).toBe('2025-02-28');
      const cert = { issuedOn: '2024-02-29' };
      expect(outcome(input({ today: '2025-02-28', certificate: cert }), 'deadline').passed).toBe(true);
      expect(outcome(input({ today: '2025-03-01', certificate: cert }), 'deadline').passed).toBe(false);
    });

    it('a deadline into a leap year keeps the day', () => {
      expect(applicationDeadline('2027-02-28', 12)).toBe('2028-02-28');
    });
  });

  describe('annual cap of 3 per calendar year', () => {
    const twoThisYear = [claim({ certificateId: 'a', appliedOn: '2026-01-10' }), claim({ certificateId: 'b', occupationCode: 'x', appliedOn: '2026-05-01' })];
    it('allows the 3rd claim of a year', () => {
      const r = outcome(input({ claims: twoThisYear }), 'annual_cap');
      expect(r.passed).toBe(true);
      expect(r.explanation).toContain('本次是第3次');
    });

    it('refuses the 4th', () => {
      const three = [...twoThisYear, claim({ certificateId: 'c', occupationCode: 'y', appliedOn: '2026-05-20' })];
      const result = checkSubsidy(SEED_SUBSIDY_RULES, input({ claims: three }));
      expect(result.eligible).toBe(false);
      expect(result.amount).toBe(0);
      expect(result.rules.find((r) => r.rule === 'annual_cap')!.explanation).toContain('已达到每人每年最多3次');
    });

    it('counts by calendar year: three claims last December do not block 1 January', () => {
      const lastYear = ['a', 'b', 'c'].map((id, i) => claim({ certificateId: id, occupationCode: `o${i}`, appliedOn: `2025-12-2${i}` }));
      expect(outcome(input({ today: '2026-01-01', certificate: { issuedOn: '2025-12-01' }, claims: lastYear }), 'annual_cap').passed).toBe(true);
      expect(outcome(input({ today: '2025-12-31', certificate: { issuedOn: '2025-12-01' }, claims: lastYear }), 'annual_cap').passed).toBe(false);
    });

    it('follows a rule set with a cap of 1', () => {
      const strict = { ...SEED_SUBSIDY_RULES, annualCap: 1 };
      expect(checkSubsidy(strict, input({ claims: [claim()] })).eligible).toBe(false);
      expect(checkSubsidy(strict, input()).eligible).toBe(true);
    });
  });

  it('pays the same occupation and level once', () => {
    const r = outcome(input({ claims: [claim({ occupationCode: '4-10-01-05', occupationName: '养老护理员', level: '4' })] }), 'same_occupation_level');
    expect(r.passed).toBe(false);
    expect(r.explanation).toContain('同一职业同一等级只补贴一次');
  });

  it('pays nothing for a lower level after a higher one, but does pay a higher level after a lower one', () => {
    const higherPaid = [claim({ occupationCode: '4-10-01-05', occupationName: '养老护理员', level: '3' })];
    expect(outcome(input({ claims: higherPaid }), 'lower_level').passed).toBe(false);
    const lowerPaid = [claim({ occupationCode: '4-10-01-05', occupationName: '养老护理员', level: '5' })];
    const result = checkSubsidy(SEED_SUBSIDY_RULES, input({ claims: lowerPaid }));
    expect(result.eligible).toBe(true);
  });

  it('refuses a certificate already claimed from the unemployment-insurance fund', () => {
    const r = outcome(input({ claims: [claim({ certificateId: 'cert-1', fund: 'unemployment_insurance', occupationCode: '4-10-01-05', level: '4' })] }), 'one_per_certificate');
    expect(r.passed).toBe(false);
    expect(r.explanation).toContain('失业保险技能提升补贴');
  });

  it('does not count unemployment-insurance claims towards this fund’s annual cap', () => {
    const other = ['a', 'b', 'c'].map((id, i) => claim({ certificateId: id, occupationCode: `o${i}`, fund: 'unemployment_insurance' }));
    expect(outcome(input({ claims: other }), 'annual_cap').passed).toBe(true);
  });

  it.each([
    ['employee', false],
    ['other', false],
    ['rural_migrant', true],
    ['unemployed_graduate', true],
    ['hard_to_employ', true],
  ] as const)('category %s eligible: %s', (category, eligible) => {
    expect(outcome(input({ person: { category } }), 'person_category').passed).toBe(eligible);
  });

  it('needs age 16 on the day of application', () => {
    expect(outcome(input({ today: '2026-06-01', person: { birthDate: '2010-06-01' } }), 'age').passed).toBe(true);
    expect(outcome(input({ today: '2026-06-01', person: { birthDate: '2010-06-02' } }), 'age').passed).toBe(false);
    expect(outcome(input({ person: { birthDate: null } }), 'age').passed).toBe(false);
  });

  it('refuses pensioners and asks for the declaration when missing', () => {
    expect(outcome(input({ person: { drawsPension: true } }), 'no_pension').passed).toBe(false);
    const missing = outcome(input({ person: { drawsPension: null } }), 'no_pension');
    expect(missing.passed).toBe(false);
    expect(missing.explanation).toContain('请确认');
  });

  it('refuses a revoked certificate', () => {
    expect(checkSubsidy(SEED_SUBSIDY_RULES, input({ certificate: { status: 'revoked' } })).eligible).toBe(false);
  });

  it('refuses a level the rule set does not fund', () => {
    const noSpecial = { ...SEED_SUBSIDY_RULES, amounts: { ...SEED_SUBSIDY_RULES.amounts, special: undefined } };
    const r = checkSubsidy(noSpecial, input({ certificate: { level: 'special' } }));
    expect(r.eligible).toBe(false);
    expect(r.rules.find((x) => x.rule === 'amount')!.passed).toBe(false);
  });
});

describe('ruleSetOn', () => {
  it('picks the newest rule set in force on the day', () => {
    const later = { ...SEED_SUBSIDY_RULES, effectiveFrom: '2027-01-01', annualCap: 1 };
    expect(ruleSetOn([later, SEED_SUBSIDY_RULES], '2026-12-31')).toBe(SEED_SUBSIDY_RULES);
    expect(ruleSetOn([later, SEED_SUBSIDY_RULES], '2027-01-01')).toBe(later);
    expect(ruleSetOn([later], '2026-01-01')).toBeUndefined();
  });
});
