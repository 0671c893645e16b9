/**
 * The cohort funnel (报名 → 结业 → 评价 → 取证 → 补贴 → 就业): its steps, the rates between them and
 * the date range rules, shared by the API, the CSV export and the 数据看板. What each step counts
 * is defined in supabase/migrations/20261125001100_stats_articles.sql (stats_funnel).
 */
import { beijingToday } from './time';

export const FUNNEL_STEP_KEYS = ['enrolled', 'completed', 'evaluated', 'certified', 'subsidised', 'employed'] as const;
export type FunnelStepKey = (typeof FUNNEL_STEP_KEYS)[number];
export type FunnelCounts = Record<FunnelStepKey, number>;

export interface FunnelStepDefinition {
  key: FunnelStepKey;
  label: string;
  /** The step this one is a subset of (its rate is given against it); null for 报名. */
  previous: FunnelStepKey | null;
  /** What is counted, in words people read under the chart. */
  meaning: string;
}

export const FUNNEL_STEPS: readonly FunnelStepDefinition[] = [
  { key: 'enrolled', label: '报名', previous: null, meaning: '统计期内报名培训的人' },
  { key: 'completed', label: '结业', previous: 'enrolled', meaning: '其中已结业的人' },
  { key: 'evaluated', label: '评价', previous: 'completed', meaning: '结业后参加评价（合格或不合格）的人' },
  { key: 'certified', label: '取证', previous: 'evaluated', meaning: '评价合格、证书有效的人' },
  { key: 'subsidised', label: '补贴', previous: 'certified', meaning: '凭该证书的补贴申请已审核通过的人' },
  // Most people who find work never claim the subsidy: employment follows completion, not 补贴.
  { key: 'employed', label: '就业', previous: 'completed', meaning: '结业且在报名后就业的人（占结业人数）' },
];

export interface FunnelStep {
  key: FunnelStepKey;
  label: string;
  count: number;
  previous: FunnelStepKey | null;
  /** count ÷ the previous step's count (0…1, four decimals); null when that step counts nobody or for 报名. */
  ofPrevious: number | null;
  /** count ÷ 报名 (0…1, four decimals); null when nobody enrolled. */
  ofFirst: number | null;
}

const ratio = (count: number, of: number): number | null => (of > 0 ? Math.round((count / of) * 10000) / 10000 : null);

export function funnelSteps(totals: FunnelCounts): FunnelStep[] {
  return FUNNEL_STEPS.map((s) => ({
    key: s.key,
    label: s.label,
    count: totals[s.key],
    previous: s.previous,
    ofPrevious: s.previous ? ratio(totals[s.key], totals[s.previous]) : null,
    ofFirst: ratio(totals[s.key], totals.enrolled),
  }));
}

/** A rate as people read it: 0.4286 → "42.9%", null → "—". */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

/** The longest range one query may cover. */
export const FUNNEL_MAX_YEARS = 3;

/** True for a real calendar day written YYYY-MM-DD. */
export function isCalendarDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function addMonths(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/**
 * The range a query covers: `to` defaults to today (Beijing), `from` to the first day of the month
 * eleven months before `to` (twelve months in the trend). Returns the problem on the field at fault
 * when `from` is after `to` or the range is longer than three years.
 */
export function funnelRange(
  input: { from?: string; to?: string },
  today: string = beijingToday(),
): { ok: true; from: string; to: string } | { ok: false; field: 'from' | 'to'; message: string } {
  const to = input.to ?? today;
  const from = input.from ?? `${addMonths(`${to.slice(0, 7)}-01`, -11)}`;
  if (from > to) return { ok: false, field: 'from', message: '开始日期不能晚于结束日期' };
  // Feb 29 + 3 years lands on Mar 1 with setUTCFullYear; either way the limit is three calendar years.
  const limit = new Date(`${from}T00:00:00Z`);
  limit.setUTCFullYear(limit.getUTCFullYear() + FUNNEL_MAX_YEARS);
  if (to > limit.toISOString().slice(0, 10)) return { ok: false, field: 'to', message: `统计时间最长${FUNNEL_MAX_YEARS}年，请缩短日期范围` };
  return { ok: true, from, to };
}
