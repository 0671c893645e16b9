import { describe, expect, it } from 'vitest';
import { formatRate, funnelRange, funnelSteps, isCalendarDay } from '../rules/funnel';

describe('funnelSteps', () => {
  it('gives each step its rate against the step it is a subset of, and against 报名', () => {
    const steps = funnelSteps({ enrolled: 7, completed: 6, evaluated: 3, certified: 2, subsidised: 1, employed: 4 });
    const by = Object.fromEntries(steps.map((s) => [s.key, s]));
    expect(steps.map((s) => s.label)).toEqual(['报名', '结业', '评价', '取证', '补贴', '就业']);
    expect(by.enrolled).toMatchObject({ ofPrevious: null, ofFirst: 1 });
    expect(by.completed).toMatchObject({ previous: 'enrolled', ofPrevious: 0.8571, ofFirst: 0.8571 });
    expect(by.evaluated).toMatchObject({ previous: 'completed', ofPrevious: 0.5, ofFirst: 0.4286 });
    // 就业 is measured against 结业, not 补贴
    expect(by.employed).toMatchObject({ previous: 'completed', ofPrevious: 0.6667, ofFirst: 0.5714 });
  });

  it('has no rate where the step it is measured against counts nobody', () => {
    const steps = funnelSteps({ enrolled: 0, completed: 0, evaluated: 0, certified: 0, subsidised: 0, employed: 0 });
    expect(steps.every((s) => s.ofPrevious === null && s.ofFirst === null)).toBe(true);
  });

  it('writes rates as people read them', () => {
    expect(formatRate(0.4286)).toBe('42.9%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(null)).toBe('—');
  });
});

describe('funnelRange', () => {
  it('defaults to the twelve calendar months up to today', () => {
    expect(funnelRange({}, '2026-11-25')).toEqual({ ok: true, from: '2025-12-01', to: '2026-11-25' });
    expect(funnelRange({ to: '2026-01-31' }, '2026-11-25')).toEqual({ ok: true, from: '2025-02-01', to: '2026-01-31' });
  });

  it('refuses from after to, naming from', () => {
    expect(funnelRange({ from: '2026-05-02', to: '2026-05-01' })).toMatchObject({ ok: false, field: 'from' });
    expect(funnelRange({ from: '2026-05-01', to: '2026-05-01' })).toMatchObject({ ok: true });
  });

  it('takes at most three calendar years, naming to', () => {
    expect(funnelRange({ from: '2023-05-01', to: '2026-05-01' })).toMatchObject({ ok: true });
    expect(funnelRange({ from: '2023-05-01', to: '2026-05-02' })).toMatchObject({ ok: false, field: 'to' });
    // from a 29 February the limit falls on 1 March three years later
    expect(funnelRange({ from: '2024-02-29', to: '2027-03-01' })).toMatchObject({ ok: true });
    expect(funnelRange({ from: '2024-02-29', to: '2027-03-02' })).toMatchObject({ ok: false, field: 'to' });
  });

  it('knows real calendar days', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2026-2-01')).toBe(false);
  });
});
