/**
 * Catalog queries (GET /api/catalog/*): every filter is validated here, with a Chinese message per
 * parameter, before anything reaches the database. Query strings arrive as strings.
 */
import { z } from 'zod';
import { DISTRICT_CODES } from '../rules/districts';
import { CATALOG_LEVELS } from '../rules/levels';

export const PROJECT_TYPES = {
  employment: '就业技能培训',
  upskilling: '岗位技能提升培训',
  new_occupation: '新职业培训',
  specialty: '专项职业能力培训',
  entrepreneurship: '创业培训',
} as const;
export type ProjectType = keyof typeof PROJECT_TYPES;

export const TRAINING_MODES = { offline: '线下', online: '线上', blended: '线上线下结合' } as const;
export type TrainingMode = keyof typeof TRAINING_MODES;

export const AUDIENCES = { employee: '企业职工', student: '高校学生', key_group: '重点就业群体' } as const;
export type Audience = keyof typeof AUDIENCES;

export const CARRIER_TYPES = {
  vocational_college: '职业院校',
  technician_college: '技工院校',
  enterprise_center: '企业培训中心',
  private_institution: '社会化培训机构',
  employer: '用人单位',
  social_org: '社会培训评价组织',
} as const;
export type CarrierType = keyof typeof CARRIER_TYPES;

export const INSTITUTION_KINDS = { training: '培训机构', evaluation: '评价机构' } as const;
export type InstitutionKind = keyof typeof INSTITUTION_KINDS;

export const DEMAND_SOURCES = {
  notice: '征集通知',
  service_package: '企业服务包',
  self_declared: '企业自主申报',
  station: '就业服务站',
} as const;
export type DemandSource = keyof typeof DEMAND_SOURCES;

export const DEMAND_STATUSES = { published: '征集中', fulfilled: '已满足', closed: '已关闭' } as const;
export type DemandStatus = keyof typeof DEMAND_STATUSES;

export const ENROLLMENT_STATES = { not_open: '未开始报名', open: '报名中', full: '已满员', closed: '报名已截止' } as const;
export type EnrollmentState = keyof typeof ENROLLMENT_STATES;

export const CATALOG_SORTS = { soonest: '最近开班', nearest: '离我最近', seats: '名额最多' } as const;
export type CatalogSort = keyof typeof CATALOG_SORTS;

export const SALARY_UNITS = { yuan_per_month: '元/月', yuan_per_year: '元/年' } as const;
export type SalaryUnit = keyof typeof SALARY_UNITS;

export const CATALOG_PAGE_MAX = 50;

const keysOf = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

const text = (max: number, message: string) => z.string().trim().max(max, message);

/** A real calendar day written YYYY-MM-DD. */
const day = (message: string) =>
  z.string().refine((s) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
  }, message);

const decimal = (min: number, max: number, message: string) =>
  z
    .string()
    .regex(/^-?\d{1,3}(\.\d{1,10})?$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message);

const flag = z.enum(['1', '0', 'true', 'false'], { error: '只能是 1 或 0' }).transform((v) => v === '1' || v === 'true');

const limit = z
  .string()
  .regex(/^\d{1,3}$/, `每页条数应为 1 到 ${CATALOG_PAGE_MAX} 的整数`)
  .transform(Number)
  .refine((n) => n >= 1 && n <= CATALOG_PAGE_MAX, `每页条数应为 1 到 ${CATALOG_PAGE_MAX} 的整数`);

const cursor = z.string().regex(/^[A-Za-z0-9_-]{8,400}$/, '翻页标记无效，请从第一页重新查询');

const fieldCode = z.string().regex(/^[a-z][a-z_]{1,39}$/, '领域不存在');
const occupationCode = z.string().regex(/^(\d-\d{2}-\d{2}-\d{2}|ZX-\d{2}-\d{3})$/, '职业编码格式不对，例如 4-10-01-05');
const district = z.enum(DISTRICT_CODES, { error: '请选择北京市的一个区' });
const level = z.enum(CATALOG_LEVELS, { error: '等级应为 5、4、3、2、1 或 special（专项职业能力）' });
const keyword = text(40, '搜索词太长了（不超过40个字）');

/** lat and lng come together; lat/lng are WGS-84 degrees. */
function position<T extends { lat?: number; lng?: number }>(p: T, ctx: z.RefinementCtx) {
  if ((p.lat === undefined) !== (p.lng === undefined)) {
    const missing = p.lat === undefined ? 'lat' : 'lng';
    ctx.addIssue({ code: 'custom', path: [missing], message: '位置需要同时提供纬度 lat 和经度 lng' });
  }
}

const projectFilters = {
  q: keyword.optional(),
  field: fieldCode.optional(),
  district: district.optional(),
  occupation: occupationCode.optional(),
  mode: z.enum(keysOf(TRAINING_MODES), { error: '培训方式应为 offline、online 或 blended' }).optional(),
  level: level.optional(),
  audience: z.enum(keysOf(AUDIENCES), { error: '培训对象应为 employee、student 或 key_group' }).optional(),
  open: flag.optional(),
  startsAfter: day('开班日期应为 YYYY-MM-DD 格式的有效日期').optional(),
  startsBefore: day('开班日期应为 YYYY-MM-DD 格式的有效日期').optional(),
};

function dateWindow<T extends { startsAfter?: string; startsBefore?: string }>(p: T, ctx: z.RefinementCtx) {
  if (p.startsAfter && p.startsBefore && p.startsAfter > p.startsBefore) {
    ctx.addIssue({ code: 'custom', path: ['startsAfter'], message: '开始日期不能晚于结束日期' });
  }
}

export const projectListQuery = z
  .strictObject({
    ...projectFilters,
    sort: z.enum(keysOf(CATALOG_SORTS), { error: '排序方式应为 soonest、nearest 或 seats' }).default('soonest'),
    lat: decimal(-90, 90, '纬度 lat 应为 -90 到 90 之间的数字').optional(),
    lng: decimal(-180, 180, '经度 lng 应为 -180 到 180 之间的数字').optional(),
    cursor: cursor.optional(),
    limit: limit.default(20),
  })
  .superRefine((p, ctx) => {
    position(p, ctx);
    dateWindow(p, ctx);
    if (p.sort === 'nearest' && p.lat === undefined && p.lng === undefined) {
      ctx.addIssue({ code: 'custom', path: ['lat'], message: '按距离排序需要提供您的位置（lat、lng）' });
      ctx.addIssue({ code: 'custom', path: ['lng'], message: '按距离排序需要提供您的位置（lat、lng）' });
    }
  });
export type ProjectListQuery = z.infer<typeof projectListQuery>;

export const facetsQuery = z.strictObject(projectFilters).superRefine(dateWindow);
export type FacetsQuery = z.infer<typeof facetsQuery>;

const uuid = (message: string) => z.uuid({ error: message });
const optionalPosition = {
  lat: decimal(-90, 90, '纬度 lat 应为 -90 到 90 之间的数字').optional(),
  lng: decimal(-180, 180, '经度 lng 应为 -180 到 180 之间的数字').optional(),
};

export const projectDetailQuery = z.strictObject({ id: uuid('培训项目编号格式不对'), ...optionalPosition }).superRefine(position);
export const classDetailQuery = z.strictObject({ id: uuid('班次编号格式不对'), ...optionalPosition }).superRefine(position);

export const demandListQuery = z.strictObject({
  q: keyword.optional(),
  district: district.optional(),
  occupation: occupationCode.optional(),
  field: fieldCode.optional(),
  source: z.enum(keysOf(DEMAND_SOURCES), { error: '来源应为 notice、service_package、self_declared 或 station' }).optional(),
  status: z.enum(['published', 'fulfilled', 'closed', 'all'], { error: '状态应为 published、fulfilled、closed 或 all' }).default('published'),
  cursor: cursor.optional(),
  limit: limit.default(20),
});
export type DemandListQuery = z.infer<typeof demandListQuery>;

export const institutionListQuery = z.strictObject({
  kind: z.enum(keysOf(INSTITUTION_KINDS), { error: '机构类型应为 training 或 evaluation' }).optional(),
  district: district.optional(),
  q: keyword.optional(),
  occupation: occupationCode.optional(),
  cursor: cursor.optional(),
  limit: limit.default(20),
});
export type InstitutionListQuery = z.infer<typeof institutionListQuery>;

export const evaluationSessionListQuery = z
  .strictObject({
    occupation: occupationCode.optional(),
    level: level.optional(),
    district: district.optional(),
    institution: z.string().regex(/^[A-Z]{3}-[0-9A-Z-]{1,20}$/, '评价机构编码格式不对，例如 EVA-001').optional(),
    open: flag.optional(),
    ...optionalPosition,
    cursor: cursor.optional(),
    limit: limit.default(20),
  })
  .superRefine(position);
export type EvaluationSessionListQuery = z.infer<typeof evaluationSessionListQuery>;

export const salaryQuery = z.strictObject({
  occupation: occupationCode.optional(),
  level: level.optional(),
  field: fieldCode.optional(),
  year: z
    .string()
    .regex(/^\d{4}$/, '年份应为四位数字')
    .transform(Number)
    .refine((y) => y >= 2000 && y <= 2100, '年份应为四位数字')
    .optional(),
});
export type SalaryQuery = z.infer<typeof salaryQuery>;

/** The search text the API sends: trimmed, lower case, without spaces (the database normalises the rest). */
export function normalizeKeyword(q: string | undefined): string | undefined {
  const s = q?.trim().toLowerCase().replace(/[\s\u3000]+/g, '');
  return s ? s : undefined;
}
