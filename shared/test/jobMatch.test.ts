import { describe, expect, it } from 'vitest';
import { jobPay, levelFits, payVersusMedian, rankJobMatches, type JobQualification, type MatchableJob } from '../rules/jobMatch';

const guide = (monthlyMedian: number) => ({ year: 2025, level: '4', unit: 'yuan_per_month' as const, p50: monthlyMedian, monthlyMedian });

function job(id: string, overrides: Partial<MatchableJob> = {}): MatchableJob {
  return {
    id,
    title: '岗位' + id,
    occupation: { code: '6-31-01-03', name: '电工' },
    level: '4',
    district: '110105',
    districtName: '朝阳区',
    payMin: 8000,
    payMax: 10000,
    createdAt: '2026-11-20T02:00:00Z',
    salaryGuide: guide(9000),
    ...overrides,
  };
}

const electrician4: JobQualification = { kind: 'certificate', occupationCode: '6-31-01-03', occupationName: '电工', level: '4' };

describe('pay versus the median', () => {
  it('uses the midpoint of the range, or the one figure named', () => {
    expect(jobPay({ payMin: 8000, payMax: 10000 })).toBe(9000);
    expect(jobPay({ payMin: 8000, payMax: null })).toBe(8000);
    expect(jobPay({ payMin: null, payMax: 7000 })).toBe(7000);
    expect(jobPay({ payMin: null, payMax: null })).toBeNull();
  });

  it('rounds to a whole percent and says above, below or level', () => {
    expect(payVersusMedian({ payMin: 10000, payMax: 12400, salaryGuide: guide(10000) })).toMatchObject({ percent: 12, text: '高于本职业中位数 12%' });
    expect(payVersusMedian({ payMin: 9000, payMax: 9000, salaryGuide: guide(10000) })).toMatchObject({ percent: -10, text: '低于本职业中位数 10%' });
    expect(payVersusMedian({ payMin: 10020, payMax: null, salaryGuide: guide(10000) })).toMatchObject({ percent: 0, text: '与本职业中位数持平' });
    expect(payVersusMedian({ payMin: 9000, payMax: 9000, salaryGuide: null })).toBeNull();
    expect(payVersusMedian({ payMin: null, payMax: null, salaryGuide: guide(9000) })).toBeNull();
  });
});

describe('level fit', () => {
  it('takes a level at or above the one wanted, any level when none is wanted, 专项 only for 专项', () => {
    expect(levelFits('4', '4')).toBe(true);
    expect(levelFits('3', '4')).toBe(true);
    expect(levelFits('5', '4')).toBe(false);
    expect(levelFits('5', null)).toBe(true);
    expect(levelFits(null, null)).toBe(true);
    expect(levelFits(null, '5')).toBe(false);
    expect(levelFits('special', 'special')).toBe(true);
    expect(levelFits('1', 'special')).toBe(false);
    expect(levelFits('special', '5')).toBe(false);
  });
});

describe('ranking', () => {
  const today = '2026-11-25';

  it('orders certificate, then same district, then pay, then freshness, and explains each', () => {
    const training: JobQualification = { kind: 'training', occupationCode: '4-10-01-05', occupationName: '养老护理员', level: '4' };
    const jobs = [
      job('a-other-district', { district: '110108', districtName: '海淀区', payMin: 20000, payMax: 20000 }),
      job('b-low-pay', { payMin: 8100, payMax: 8100 }),
      job('c-high-pay', { payMin: 10080, payMax: 10080 }),
      job('d-training', { occupation: { code: '4-10-01-05', name: '养老护理员' }, payMin: 30000, payMax: 30000 }),
      job('e-newer-no-pay', { payMin: null, payMax: null, createdAt: '2026-11-24T02:00:00Z' }),
      job('f-older-no-pay', { payMin: null, payMax: null, createdAt: '2026-11-01T02:00:00Z' }),
      job('g-level-too-high', { level: '3' }),
      job('h-other-occupation', { occupation: { code: '6-18-02-04', name: '焊工' } }),
    ];
    const ranked = rankJobMatches({ district: '110105', districtName: '朝阳区', qualifications: [electrician4, training], jobs }, today);
    expect(ranked.map((m) => m.job.id)).toEqual(['c-high-pay', 'e-newer-no-pay', 'f-older-no-pay', 'b-low-pay', 'a-other-district', 'd-training']);
    expect(ranked[0]!.reason).toBe('您持有电工四级证书 · 同在朝阳区 · 高于本职业中位数 12%');
    expect(ranked[1]!.reason).toBe('您持有电工四级证书 · 同在朝阳区');
    expect(ranked[4]!.reason).toBe('您持有电工四级证书 · 位于海淀区 · 高于本职业中位数 122%');
    expect(ranked[5]!.reason).toBe('您已完成养老护理员培训 · 同在朝阳区 · 高于本职业中位数 233%');
    expect(ranked[1]!.ageDays).toBe(1);
  });

  it('prefers a certificate to a class in the same occupation and names 专项 certificates', () => {
    const ranked = rankJobMatches(
      {
        district: null,
        districtName: null,
        qualifications: [
          { kind: 'training', occupationCode: 'ZX-11-003', occupationName: '直播销售', level: 'special' },
          { kind: 'certificate', occupationCode: 'ZX-11-003', occupationName: '直播销售', level: 'special' },
        ],
        jobs: [job('x', { occupation: { code: 'ZX-11-003', name: '直播销售' }, level: 'special', salaryGuide: null })],
      },
      today,
    );
    expect(ranked.map((m) => m.reason)).toEqual(['您持有直播销售专项职业能力证书 · 位于朝阳区']);
  });

  it('gives nothing to a person without qualifications', () => {
    expect(rankJobMatches({ district: '110105', districtName: '朝阳区', qualifications: [], jobs: [job('a')] }, today)).toEqual([]);
  });
});
