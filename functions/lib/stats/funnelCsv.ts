/** The 数据看板 export: the funnel steps, or every breakdown and month, as CSV with the same numbers as the JSON. */
import { FUNNEL_DIMENSIONS, FUNNEL_STEPS, FUNNEL_STEP_KEYS, type FunnelExportKind, type FunnelStats } from '@jz/shared';
import { csvText } from '../csv';

const percent = (rate: number | null) => (rate === null ? '' : `${(rate * 100).toFixed(2)}%`);
const label = (key: string | null) => FUNNEL_STEPS.find((s) => s.key === key)?.label ?? '';

export function funnelCsv(stats: FunnelStats): string {
  const header = ['环节', '人数', '对比环节', '占对比环节', '占报名', '统计口径'];
  const rows = stats.steps.map((s) => [
    s.label,
    s.count,
    label(s.previous),
    percent(s.ofPrevious),
    percent(s.ofFirst),
    FUNNEL_STEPS.find((d) => d.key === s.key)?.meaning ?? '',
  ]);
  return csvText(header, rows);
}

export function breakdownCsv(stats: FunnelStats): string {
  const header = ['维度', '名称', '编码', ...FUNNEL_STEPS.map((s) => s.label)];
  const rows: unknown[][] = [];
  for (const [dim, dimName] of Object.entries(FUNNEL_DIMENSIONS)) {
    for (const b of stats.breakdowns[dim as keyof typeof FUNNEL_DIMENSIONS]) {
      rows.push([dimName, b.name ?? b.key, b.code ?? (b.key === 'other' || b.key === 'none' ? '' : b.key), ...FUNNEL_STEP_KEYS.map((k) => b[k])]);
    }
  }
  for (const m of stats.trend) rows.push(['月份', m.key, '', ...FUNNEL_STEP_KEYS.map((k) => m[k])]);
  return csvText(header, rows);
}

export function funnelExport(stats: FunnelStats, kind: FunnelExportKind): { csv: string; name: string; asciiName: string } {
  const span = `${stats.range.from}_${stats.range.to}`;
  return kind === 'funnel'
    ? { csv: funnelCsv(stats), name: `培训就业漏斗_${span}.csv`, asciiName: `funnel_${span}.csv` }
    : { csv: breakdownCsv(stats), name: `培训就业分项统计_${span}.csv`, asciiName: `funnel-breakdown_${span}.csv` };
}
