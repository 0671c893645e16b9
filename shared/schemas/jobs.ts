/** Jobs (岗位), interest in them and employment outcomes (就业): every input validated with a Chinese message per field. */
import { z } from 'zod';
import { checkCreditCode } from '../rules/creditCode';
import { DISTRICT_CODES } from '../rules/districts';
import { CATALOG_LEVELS } from '../rules/levels';
import { beijingToday } from '../rules/time';

export const JOB_SOURCES = { demand: '需求清单', station: '就业服务站', enterprise: '企业招聘' } as const;
export type JobSource = keyof typeof JOB_SOURCES;

export const EMPLOYMENT_SOURCES = { self: '本人填报', institution: '培训机构登记', station: '服务站登记' } as const;
export type EmploymentSource = keyof typeof EMPLOYMENT_SOURCES;

/** Most recent hire a report may name: three years back. */
export const EMPLOYMENT_MAX_AGE_DAYS = 3 * 365;

const uuid = (message: string) => z.uuid({ error: message });
const district = z.enum(DISTRICT_CODES, { error: '请选择北京市的一个区' });
const level = z.enum(CATALOG_LEVELS, { error: '等级应为 5、4、3、2、1 或 special（专项职业能力）' });
const occupationCode = z.string({ error: '请选择职业' }).regex(/^(\d-\d{2}-\d{2}-\d{2}|ZX-\d{2}-\d{3})$/, '职业编码格式不对，例如 4-10-01-05');
const stationCode = z.string().regex(/^STA-\d{6}-\d{3}$/, '服务站编号格式不对');
const isoDay = (message: string) => z.string({ error: message }).regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), '日期不存在');
const pay = z.number({ error: '月薪应为0到1000000之间的整数（元）' }).int('月薪应为整数（元）').min(0, '月薪不能为负数').max(1_000_000, '月薪最多1000000元');

/** GET /api/jobs */
export const jobListQuery = z.strictObject({
  q: z.string().trim().max(40, '搜索词太长了（不超过40个字）').optional(),
  occupation: occupationCode.optional(),
  district: district.optional(),
  level: level.optional(),
  cursor: z.string().regex(/^[A-Za-z0-9_-]{8,400}$/, '翻页标记无效，请从第一页重新查询').optional(),
  limit: z
    .string()
    .regex(/^\d{1,2}$/, '每页条数应为 1 到 50 的整数')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 50, '每页条数应为 1 到 50 的整数')
    .default(20),
});
export type JobListQuery = z.infer<typeof jobListQuery>;

export const jobIdParams = z.object({ id: uuid('岗位编号格式不对') });

const jobContent = {
  title: z.string({ error: '请填写岗位名称' }).trim().min(2, '岗位名称至少2个字').max(40, '岗位名称最多40个字'),
  level: level.nullable().optional(),
  openings: z.number({ error: '招聘人数应为1到10000之间的整数' }).int('招聘人数应为整数').min(1, '招聘人数至少为1').max(10_000, '招聘人数最多10000'),
  payMin: pay.nullable().optional(),
  payMax: pay.nullable().optional(),
  address: z.string().trim().max(200, '工作地址最多200个字').default(''),
  benefits: z.array(z.string().trim().min(1, '福利不能为空').max(12, '每项福利最多12个字'), { error: '福利应为文字列表' }).max(12, '福利最多12项').default([]),
  description: z.string().trim().max(2000, '岗位说明最多2000个字').default(''),
  contactName: z.string({ error: '请填写联系人' }).trim().min(1, '请填写联系人').max(40, '联系人最多40个字'),
  contactPhone: z.string({ error: '请填写联系电话' }).trim().regex(/^(1\d{10}|0\d{2,3}-\d{7,8})$/, '联系电话应为11位手机号或带区号的座机（如010-12345678）'),
  validUntil: isoDay('请填写招聘截止日期').refine((d) => d >= beijingToday(), '招聘截止日期不能早于今天'),
};
const payInOrder = (v: { payMin?: number | null; payMax?: number | null }) => v.payMin == null || v.payMax == null || v.payMin <= v.payMax;
const payOrderError = { path: ['payMax'], message: '最高月薪不能低于最低月薪' };

/** POST /api/jobs: station staff (for their district) or a district reviewer posts an enterprise's job. */
export const jobPostInput = z
  .strictObject({
    enterpriseName: z.string({ error: '请填写企业名称' }).trim().min(2, '企业名称至少2个字').max(80, '企业名称最多80个字'),
    creditCode: z.string({ error: '请填写统一社会信用代码' }).transform((v, ctx) => {
      const result = checkCreditCode(v);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.message });
        return z.NEVER;
      }
      return result.code;
    }),
    occupation: occupationCode,
    district,
    stationCode: stationCode.optional(),
    ...jobContent,
  })
  .refine(payInOrder, payOrderError);
export type JobPostInput = z.infer<typeof jobPostInput>;

/** POST /api/jobs/from-demand: a published demand becomes a job (its enterprise, occupation, level, pay, district carry over). */
export const jobFromDemandInput = z.strictObject({
  demandId: uuid('需求编号格式不对'),
  title: jobContent.title,
  openings: jobContent.openings,
  address: jobContent.address,
  benefits: jobContent.benefits,
  description: jobContent.description,
  validUntil: jobContent.validUntil,
  contactName: jobContent.contactName.optional(),
  contactPhone: jobContent.contactPhone.optional(),
});
export type JobFromDemandInput = z.infer<typeof jobFromDemandInput>;

/** PUT /api/jobs/[id]: a manager edits an open job (enterprise, occupation and district stay). */
export const jobUpdateInput = z.strictObject(jobContent).refine(payInOrder, payOrderError);
export type JobUpdateInput = z.infer<typeof jobUpdateInput>;

/** POST /api/jobs/[id]/interest */
export const jobInterestInput = z.strictObject({
  consentToShareContact: z.boolean({ error: '请选择是否同意把您的姓名和手机号提供给招聘方' }),
});
export type JobInterestInput = z.infer<typeof jobInterestInput>;

const hiredOn = isoDay('请填写入职日期').refine((d) => d <= beijingToday(), '入职日期不能晚于今天').refine((d) => {
  const earliest = new Date(Date.parse(`${beijingToday()}T00:00:00Z`) - EMPLOYMENT_MAX_AGE_DAYS * 86_400_000).toISOString().slice(0, 10);
  return d >= earliest;
}, '入职日期不能早于三年前');
const monthlyPay = z
  .number({ error: '月收入应为500到200000之间的数字（元）' })
  .min(500, '月收入不能低于500元，请填写税前月收入')
  .max(200_000, '月收入最多200000元，请检查是否多填了0');
const employmentContent = {
  employerName: z.string({ error: '请填写工作单位' }).trim().min(2, '工作单位至少2个字').max(80, '工作单位最多80个字').optional(),
  occupation: occupationCode.optional(),
  hiredOn,
  monthlyPay: monthlyPay.optional(),
  jobId: uuid('岗位编号格式不对').optional(),
};
const employerNamed = (v: { employerName?: string; jobId?: string }) => v.employerName !== undefined || v.jobId !== undefined;
const employerError = { path: ['employerName'], message: '请填写工作单位' };

/** POST /api/me/employment: the person reports being hired (optionally for a job they marked interest in). */
export const employmentReportInput = z.strictObject(employmentContent).refine(employerNamed, employerError);
export type EmploymentReportInput = z.infer<typeof employmentReportInput>;

/** POST /api/employment-outcomes: institution or station staff record that a person they served was hired. */
export const employmentRecordInput = z
  .strictObject({
    userId: uuid('学员编号格式不对'),
    ...employmentContent,
    institutionCode: z.string().regex(/^[A-Z]{3}-[0-9A-Z-]{1,20}$/, '机构编码格式不对').optional(),
    stationCode: stationCode.optional(),
  })
  .refine(employerNamed, employerError)
  .refine((v) => !(v.institutionCode && v.stationCode), { path: ['stationCode'], message: '机构和服务站只能填一个' });
export type EmploymentRecordInput = z.infer<typeof employmentRecordInput>;
