/** Supply side: demand declarations (需求申报), their review, and the institution whitelists. */
import { z } from 'zod';
import { checkCreditCode } from '../rules/creditCode';
import { DISTRICT_CODES } from '../rules/districts';
import { CATALOG_LEVELS } from '../rules/levels';

export const DECLARATION_STATUSES = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  published: '已发布',
  fulfilled: '已满足',
  closed: '已关闭',
} as const;
export type DeclarationStatus = keyof typeof DECLARATION_STATUSES;
const declarationStatusKeys = Object.keys(DECLARATION_STATUSES) as [DeclarationStatus, ...DeclarationStatus[]];

const uuid = (message: string) => z.uuid({ error: message });
const districtCode = z.string({ error: '请选择用工所在区' }).refine((d) => (DISTRICT_CODES as readonly string[]).includes(d), '区代码不正确');
const pay = z.number({ error: '月薪应为0到1000000之间的整数（元）' }).int('月薪应为整数（元）').min(0, '月薪不能为负数').max(1_000_000, '月薪最多1000000元');
const reason = z.string().trim().min(2, '原因至少2个字').max(200, '原因最多200个字');

const creditCode = z
  .string({ error: '请填写统一社会信用代码' })
  .transform((v, ctx) => {
    const result = checkCreditCode(v);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return result.code;
  });

const demandContent = {
  contactName: z.string({ error: '请填写联系人' }).trim().min(1, '请填写联系人').max(40, '联系人最多40个字'),
  contactPhone: z.string({ error: '请填写联系电话' }).trim().regex(/^1\d{10}$/, '联系电话应为11位手机号'),
  occupation: z.string({ error: '请选择拟培训职业' }).regex(/^(\d-\d{2}-\d{2}-\d{2}|ZX-\d{2}-\d{3})$/, '职业编码格式不对，例如 4-10-01-05'),
  level: z.enum(CATALOG_LEVELS, { error: '等级应为 5、4、3、2、1 或 special（专项职业能力）' }).optional(),
  headcount: z.number({ error: '用工数量应为1到100000之间的整数' }).int('用工数量应为整数').min(1, '用工数量至少为1').max(100_000, '用工数量最多100000'),
  skills: z.string({ error: '请填写技能要求' }).trim().min(2, '技能要求至少2个字').max(2000, '技能要求最多2000个字'),
  district: districtCode,
  wantedBy: z.string({ error: '请填写用工时间' }).regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD'),
  payMin: pay.optional(),
  payMax: pay.optional(),
};
const payInOrder = (v: { payMin?: number; payMax?: number }) => v.payMin === undefined || v.payMax === undefined || v.payMin <= v.payMax;
const payOrderError = { path: ['payMax'], message: '最高月薪不能低于最低月薪' };

/** POST /api/demands: an enterprise (or a station on its behalf) declares a skill need; `submit` sends it for review at once. */
export const demandDeclarationInput = z
  .strictObject({
    enterpriseName: z.string({ error: '请填写企业名称' }).trim().min(2, '企业名称至少2个字').max(80, '企业名称最多80个字'),
    creditCode,
    ...demandContent,
    stationCode: z.string().regex(/^STA-\d{6}-\d{3}$/, '服务站编号格式不对').optional(),
    submit: z.boolean({ error: 'submit 应为 true 或 false' }).optional(),
  })
  .refine(payInOrder, payOrderError);
export type DemandDeclarationInput = z.infer<typeof demandDeclarationInput>;

/** PUT /api/demands/[id]: the declarer corrects a draft or a returned declaration (the enterprise stays). */
export const demandUpdateInput = z.strictObject(demandContent).refine(payInOrder, payOrderError);
export type DemandUpdateInput = z.infer<typeof demandUpdateInput>;

export const demandIdParams = z.object({ id: uuid('需求编号格式不对') });

/** GET /api/review/demands */
export const demandReviewQuery = z.object({
  status: z.enum(declarationStatusKeys, { error: '状态不正确' }).optional(),
  district: districtCode.optional(),
});

/** POST /api/review/demands/[id]/decision */
export const demandDecisionInput = z
  .strictObject({
    decision: z.enum(['publish', 'return'], { error: '审核结果应为 publish 或 return' }),
    reason: reason.optional(),
  })
  .refine((v) => v.decision !== 'return' || v.reason !== undefined, { path: ['reason'], message: '退回时请填写原因' });
export type DemandDecisionInput = z.infer<typeof demandDecisionInput>;

/** POST /api/review/demands/[id]/close */
export const demandCloseInput = z.strictObject({
  status: z.enum(['fulfilled', 'closed'], { error: '状态应为 fulfilled（已满足）或 closed（已关闭）' }),
});

export const institutionIdParams = z.object({ id: uuid('机构编号格式不对') });

/** POST /api/review/institutions/[id]/whitelist */
export const whitelistActionInput = z
  .strictObject({
    action: z.enum(['list', 'suspend', 'restore'], { error: '操作应为 list、suspend 或 restore' }),
    reason: reason.optional(),
  })
  .refine((v) => v.action !== 'suspend' || v.reason !== undefined, { path: ['reason'], message: '暂停时请填写原因' });
export type WhitelistActionInput = z.infer<typeof whitelistActionInput>;
