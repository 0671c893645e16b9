import type { FunnelCounts, FunnelStep } from '../rules/funnel';

export const FUNNEL_DIMENSIONS = {
  district: '区',
  field: '领域',
  occupation: '职业',
  category: '人员类别',
  institution: '培训机构',
  station: '服务站',
} as const;
export type FunnelDimension = keyof typeof FUNNEL_DIMENSIONS;

/** One bucket of a breakdown (or one month of the trend): distinct people per step. `key` 'other' sums the rest. */
export interface FunnelBucket extends FunnelCounts {
  key: string;
  name?: string;
  /** Occupation, institution or station code, when the bucket is one. */
  code?: string;
}

/** GET /api/stats/funnel */
export interface FunnelStats {
  range: { from: string; to: string };
  filters: { district: string | null; field: string | null; category: string | null };
  /** The districts counted: null = all (admins, city-wide reviewers). */
  scope: string[] | null;
  totals: FunnelCounts;
  steps: FunnelStep[];
  breakdowns: Record<FunnelDimension, FunnelBucket[]>;
  /** Every month of the range ("YYYY-MM"), by sign-up month. */
  trend: FunnelBucket[];
}
