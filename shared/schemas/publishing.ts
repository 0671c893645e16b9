/** Publishing: institution staff schedule classes (班次), evaluator staff schedule evaluation sessions (评价场次). */
import { z } from 'zod';
import { DISTRICT_CODES } from '../rules/districts';
import { CATALOG_LEVELS } from '../rules/levels';

export const PUBLICATION_STATUSES = {
  draft: '草稿',
  published: '报名中',
  closed: '已停止报名',
  cancelled: '已取消',
} as const;
export type PublicationStatus = keyof typeof PUBLICATION_STATUSES;
const publicationStatusKeys = Object.keys(PUBLICATION_STATUSES) as [PublicationStatus, ...PublicationStatus[]];

const districtCode = z.string({ error: '请选择所在区' }).refine((d) => (DISTRICT_CODES as readonly string[]).includes(d), '区代码不正确');
const isoDate = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), '日期不存在');
const dateTime = (what: string) => z.iso.datetime({ offset: true, error: `${what}应为带时区的时间，例如 2026-12-01T09:00:00+08:00` });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM');
const capacity = z.number({ error: '名额应为1到10000之间的整数' }).int('名额应为整数').min(1, '名额至少为1').max(10_000, '名额最多10000');
const fee = z.number({ error: '费用应为0到100000之间的数字（元）' }).min(0, '费用不能为负数').max(100_000, '费用最多100000元').multipleOf(0.01, '费用最多精确到分');
const lat = z.number({ error: '纬度应为数字' }).min(39.4, '地点不在北京市范围内').max(41.1, '地点不在北京市范围内').nullable();
const lng = z.number({ error: '经度应为数字' }).min(115.4, '地点不在北京市范围内').max(117.5, '地点不在北京市范围内').nullable();
export const publicationReason = z.string({ error: '请填写原因' }).trim().min(2, '原因至少2个字').max(200, '原因最多200个字');

const bothOrNeither = (v: { lat?: number | null; lng?: number | null }) => (v.lat == null) === (v.lng == null);
const coordinatesError = { path: ['lng'], message: '经纬度要么都填，要么都不填' };

/* ---------------------------------------------------------------- classes */

const classFields = {
  name: z.string({ error: '请填写班次名称' }).trim().min(2, '班次名称至少2个字').max(60, '班次名称最多60个字'),
  startDate: isoDate('开班日期'),
  endDate: isoDate('结束日期'),
  schedule: z.string().trim().max(100, '上课时间说明最多100个字').optional(),
  sessions: z
    .array(z.strictObject({ date: isoDate('上课日期'), start: hhmm, end: hhmm }), { error: '课程安排格式不对' })
    .max(400, '课程安排最多400次')
    .optional(),
  district: districtCode,
  address: z.string().trim().max(200, '地址最多200个字').optional(),
  lat: lat.optional(),
  lng: lng.optional(),
  capacity,
  enrollOpensAt: dateTime('报名开始时间'),
  enrollClosesAt: dateTime('报名截止时间'),
  fee: fee.optional(),
};

type ClassWindow = { startDate?: string; endDate?: string; enrollOpensAt?: string; enrollClosesAt?: string };
const datesInOrder = (v: ClassWindow) => !v.startDate || !v.endDate || v.endDate >= v.startDate;
const windowInOrder = (v: ClassWindow) => !v.enrollOpensAt || !v.enrollClosesAt || Date.parse(v.enrollClosesAt) > Date.parse(v.enrollOpensAt);

/** POST /api/classes: a draft, or published at once with `publish`. */
export const classCreateInput = z
  .strictObject({
    projectId: z.uuid({ error: '请选择培训项目' }),
    ...classFields,
    publish: z.boolean({ error: 'publish 应为 true 或 false' }).optional(),
  })
  .refine(datesInOrder, { path: ['endDate'], message: '结束日期不能早于开班日期' })
  .refine(windowInOrder, { path: ['enrollClosesAt'], message: '报名截止时间应晚于报名开始时间' })
  .refine(bothOrNeither, coordinatesError);
export type ClassCreateInput = z.infer<typeof classCreateInput>;

/** PUT /api/classes/[id]: any of the fields; the database checks the whole class again. */
export const classUpdateInput = z
  .strictObject({ ...classFields, lat: lat.optional(), lng: lng.optional() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { path: ['_'], message: '请至少修改一项' })
  .refine(datesInOrder, { path: ['endDate'], message: '结束日期不能早于开班日期' })
  .refine(windowInOrder, { path: ['enrollClosesAt'], message: '报名截止时间应晚于报名开始时间' })
  .refine((v) => (v.lat === undefined) === (v.lng === undefined) && bothOrNeither(v), coordinatesError);
export type ClassUpdateInput = z.infer<typeof classUpdateInput>;

/** GET /api/classes?status= */
export const classListQuery = z.object({
  status: z.enum(publicationStatusKeys, { error: '状态应为 draft、published、closed 或 cancelled' }).optional(),
  /** Admins (who belong to no institution) name the one they look at. */
  institution: z.string().regex(/^INS-[0-9A-Z-]{1,20}$/, '培训机构编号格式不对，例如 INS-001').optional(),
});

/** POST /api/classes/[id]/cancel and /api/evaluation-sessions/[id]/cancel */
export const publicationCancelInput = z.strictObject({ reason: publicationReason });

/* ---------------------------------------------------------------- evaluation sessions */

const sessionFields = {
  startsAt: dateTime('开考时间'),
  endsAt: dateTime('结束时间'),
  district: districtCode,
  place: z.string({ error: '请填写考点地址' }).trim().min(2, '考点地址至少2个字').max(200, '考点地址最多200个字'),
  lat: lat.optional(),
  lng: lng.optional(),
  capacity,
  signupOpensAt: dateTime('报名开始时间'),
  signupClosesAt: dateTime('报名截止时间'),
  fee: fee.optional(),
};
type SessionTimes = { startsAt?: string; endsAt?: string; signupOpensAt?: string; signupClosesAt?: string };
const after = (a?: string, b?: string) => !a || !b || Date.parse(a) > Date.parse(b);
const sessionRefinements = <T extends z.ZodType<SessionTimes & { lat?: number | null; lng?: number | null }>>(schema: T) =>
  schema
    .refine((v) => after(v.endsAt, v.startsAt), { path: ['endsAt'], message: '结束时间应晚于开考时间' })
    .refine((v) => after(v.signupClosesAt, v.signupOpensAt), { path: ['signupClosesAt'], message: '报名截止时间应晚于报名开始时间' })
    .refine((v) => !v.signupClosesAt || !v.startsAt || Date.parse(v.signupClosesAt) <= Date.parse(v.startsAt), {
      path: ['signupClosesAt'],
      message: '报名截止时间不能晚于开考时间',
    })
    .refine(bothOrNeither, coordinatesError);

/** POST /api/evaluation-sessions: an occupation and level within the evaluator's scope. */
export const evaluationSessionCreateInput = sessionRefinements(
  z.strictObject({
    institutionCode: z.string().regex(/^[A-Z]{3}-[0-9A-Z-]{1,20}$/, '评价机构编码格式不对').optional(),
    occupation: z.string({ error: '请选择评价职业' }).regex(/^(\d-\d{2}-\d{2}-\d{2}|ZX-\d{2}-\d{3})$/, '职业编码格式不对，例如 4-10-01-05'),
    level: z.enum(CATALOG_LEVELS, { error: '等级应为 5、4、3、2、1 或 special（专项职业能力）' }),
    ...sessionFields,
    publish: z.boolean({ error: 'publish 应为 true 或 false' }).optional(),
  }),
);
export type EvaluationSessionCreateInput = z.infer<typeof evaluationSessionCreateInput>;

/** PUT /api/evaluation-sessions/[id]: any of the time, place, capacity and fee fields. */
export const evaluationSessionUpdateInput = sessionRefinements(
  z
    .strictObject(sessionFields)
    .partial()
    .refine((v) => Object.keys(v).length > 0, { path: ['_'], message: '请至少修改一项' }),
).refine((v) => (v.lat === undefined) === (v.lng === undefined), coordinatesError);
export type EvaluationSessionUpdateInput = z.infer<typeof evaluationSessionUpdateInput>;

/** GET /api/evaluation-sessions?days=&status= (the evaluator's staff; drafts included unless a status is given). */
export const evaluatorSessionListQuery = z.strictObject({
  days: z.coerce.number({ error: '天数应为1到365的整数' }).int('天数应为1到365的整数').min(1, '天数应为1到365的整数').max(365, '天数应为1到365的整数').default(90),
  status: z.enum(publicationStatusKeys, { error: '状态应为 draft、published、closed 或 cancelled' }).optional(),
});

/* ---------------------------------------------------------------- whitelist review list */

export const WHITELIST_STATUSES = {
  pending: '待列入',
  listed: '在白名单',
  suspended: '已暂停',
  removed: '已移出',
} as const;
export type WhitelistStatus = keyof typeof WHITELIST_STATUSES;

/** GET /api/review/institutions?status=&kind= */
export const reviewInstitutionsQuery = z.object({
  status: z.enum(Object.keys(WHITELIST_STATUSES) as [WhitelistStatus, ...WhitelistStatus[]], {
    error: '状态应为 pending、listed、suspended 或 removed',
  }).optional(),
  kind: z.enum(['training', 'evaluation'], { error: '机构类型应为 training（培训机构）或 evaluation（评价机构）' }).optional(),
});
