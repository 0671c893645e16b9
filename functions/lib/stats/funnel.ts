/** The funnel as the API answers it: range defaults and checks, the one SQL call, step rates and names. */
import { PERSON_CATEGORIES, funnelRange, funnelSteps, type FunnelQuery, type FunnelStats } from '@jz/shared';
import { throwCatalogError } from '../catalog/errors';
import { badRequest } from '../errors';
import type { Session } from '../session';
import { userDb } from '../supabase';

/** The stats function's own refusals, reported on the parameter at fault. */
const FILTERS: Record<string, [string, string]> = {
  stats_bad_range: ['from', '开始日期不能晚于结束日期'],
  stats_range_too_long: ['to', '统计时间最长3年，请缩短日期范围'],
  stats_unknown_category: ['category', '人员类别不正确'],
};

type Raw = Omit<FunnelStats, 'steps'>;

export async function loadFunnel(session: Session, query: FunnelQuery): Promise<FunnelStats> {
  const range = funnelRange(query);
  if (!range.ok) throw badRequest('查询条件有误', { [range.field]: range.message });
  const { data, error } = await userDb(session.token).rpc('stats_funnel', {
    p_from: range.from,
    p_to: range.to,
    p_district: query.district ?? null,
    p_field: query.field ?? null,
    p_category: query.category ?? null,
  });
  if (error) {
    const known = error.message ? FILTERS[error.message] : undefined;
    if (known) throw badRequest('查询条件有误', { [known[0]]: known[1] });
    throwCatalogError(error, 'stats_funnel');
  }
  const raw = data as Raw;
  for (const b of raw.breakdowns.category) b.name ??= PERSON_CATEGORIES[b.key as keyof typeof PERSON_CATEGORIES] ?? b.key;
  return { ...raw, steps: funnelSteps(raw.totals) };
}
