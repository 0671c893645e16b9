/** GET /api/stats/funnel and /api/stats/export: the filters of the 数据看板. */
import { z } from 'zod';
import { DISTRICT_CODES } from '../rules/districts';
import { isCalendarDay } from '../rules/funnel';
import { PERSON_CATEGORIES, type PersonCategory } from '../rules/person';

const categoryKeys = Object.keys(PERSON_CATEGORIES) as [PersonCategory, ...PersonCategory[]];
const day = z.string().refine(isCalendarDay, '日期应为有效的日期，格式 YYYY-MM-DD');

export const funnelQuery = z.object({
  from: day.optional(),
  to: day.optional(),
  district: z.enum(DISTRICT_CODES, { error: '请选择北京市的一个区' }).optional(),
  field: z.string().regex(/^[a-z][a-z_]{1,39}$/, '没有这个领域').optional(),
  category: z.enum(categoryKeys, { error: '人员类别不正确' }).optional(),
});
export type FunnelQuery = z.infer<typeof funnelQuery>;

export const FUNNEL_EXPORT_KINDS = { funnel: '漏斗', breakdown: '分项明细' } as const;
export type FunnelExportKind = keyof typeof FUNNEL_EXPORT_KINDS;

export const funnelExportQuery = funnelQuery.extend({
  kind: z.enum(['funnel', 'breakdown'], { error: '导出内容应为 funnel 或 breakdown' }).default('funnel'),
});
