import { z } from 'zod';
import { DISTRICT_CODES } from '../rules/districts';

const uuid = (message: string) => z.uuid({ error: message });
const day = (message: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, message);

export const SUBSIDY_STATUSES = {
  submitted: '已提交',
  under_review: '审核中',
  approved: '审核通过',
  publicised: '公示中',
  paid: '已发放',
  rejected: '未通过',
  withdrawn: '已撤回',
} as const;
export type SubsidyStatus = keyof typeof SUBSIDY_STATUSES;
const statusKeys = Object.keys(SUBSIDY_STATUSES) as [SubsidyStatus, ...SubsidyStatus[]];

/** Days of public notice (公示) before payment. */
export const SUBSIDY_PUBLICITY_DAYS = 7;

/** Luhn (mod 10) check of a card number. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Why a 社保卡 financial account number is not acceptable, or null: 16–19 digits passing the Luhn check. */
export function bankAccountProblem(raw: string): string | null {
  const digits = raw.replace(/\s+/g, '');
  if (!/^\d+$/.test(digits)) return '社保卡金融账户只能是数字';
  if (digits.length < 16 || digits.length > 19) return '社保卡金融账户应为16到19位数字';
  if (!luhnValid(digits)) return '社保卡金融账户号码有误，请核对';
  return null;
}

export const normalizeBankAccount = (raw: string) => raw.replace(/\s+/g, '');

const bankAccount = z
  .string({ error: '请填写社保卡金融账户' })
  .superRefine((value, ctx) => {
    const problem = bankAccountProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform(normalizeBankAccount);

/** POST /api/subsidies/check — drawsPension optional: without it the no_pension rule asks for the declaration. */
export const subsidyCheckInput = z.strictObject({
  certificateId: uuid('证书编号格式不对'),
  drawsPension: z.boolean({ error: '请确认是否按月领取养老金' }).optional(),
});
export type SubsidyCheckRequest = z.infer<typeof subsidyCheckInput>;

/** POST /api/subsidies (with an Idempotency-Key header). */
export const subsidyApplicationInput = z.strictObject({
  certificateId: uuid('证书编号格式不对'),
  bankAccount,
  consent: z.literal(true, { error: '请阅读并同意补贴申请承诺' }),
  drawsPension: z.literal(false, { error: '已按月领取养老金的人员不能申请本补助，请确认您没有领取养老金' }),
});
export type SubsidyApplicationInput = z.infer<typeof subsidyApplicationInput>;

export const subsidyIdParams = z.object({ id: uuid('补贴申请编号格式不对') });

export const SUBSIDY_DECISIONS = { review: 'under_review', approve: 'approved', reject: 'rejected' } as const;
export type SubsidyDecision = keyof typeof SUBSIDY_DECISIONS;

const reason = z.string().trim().min(2, '原因至少2个字').max(200, '原因最多200个字');

/** POST /api/review/subsidies/[id]/decision */
export const subsidyDecisionInput = z
  .strictObject({
    decision: z.enum(['review', 'approve', 'reject'], { error: '审核结果应为 review、approve 或 reject' }),
    reason: reason.optional(),
  })
  .refine((v) => v.decision !== 'reject' || v.reason !== undefined, { path: ['reason'], message: '不通过时请填写原因' });
export type SubsidyDecisionInput = z.infer<typeof subsidyDecisionInput>;

/** POST /api/subsidies/[id]/withdraw */
export const subsidyWithdrawInput = z.strictObject({ reason: reason.optional() });

const ids = z.array(uuid('补贴申请编号格式不对'), { error: '请选择申请' }).min(1, '请至少选择一条申请').max(500, '一次最多500条');

/** POST /api/review/subsidies/batch — approve (under_review → approved), publicise (approved → publicised) or pay (publicised → paid). */
export const subsidyBatchInput = z
  .strictObject({
    action: z.enum(['approve', 'publicise', 'pay'], { error: '批量操作应为 approve、publicise 或 pay' }),
    ids,
    paymentRef: z.string().trim().min(1, '请填写转账流水号').max(64, '转账流水号最多64个字符').optional(),
  })
  .refine((v) => v.action !== 'pay' || v.paymentRef !== undefined, { path: ['paymentRef'], message: '发放时请填写转账流水号' });
export type SubsidyBatchInput = z.infer<typeof subsidyBatchInput>;

/** POST /api/review/subsidies/export — CSV of publicised applications for the bank. */
export const subsidyExportInput = z.strictObject({ ids });

const districtCode = z.string().refine((d) => (DISTRICT_CODES as readonly string[]).includes(d), '区代码不正确');

/** GET /api/review/subsidies */
export const subsidyReviewQuery = z.object({
  status: z.enum(statusKeys, { error: '状态不正确' }).optional(),
  district: districtCode.optional(),
  occupation: z.string().max(20, '职业编码不正确').optional(),
  from: day('日期格式应为YYYY-MM-DD').optional(),
  to: day('日期格式应为YYYY-MM-DD').optional(),
  cursor: z.string().regex(/^\d{1,18}$/, '翻页参数不正确').optional(),
  limit: z.coerce.number({ error: '每页条数应为1到200' }).int('每页条数应为1到200').min(1, '每页条数应为1到200').max(200, '每页条数应为1到200').optional(),
});

/** GET /api/review/stats */
export const subsidyStatsQuery = z.object({
  from: day('日期格式应为YYYY-MM-DD').optional(),
  to: day('日期格式应为YYYY-MM-DD').optional(),
});

/** POST /api/subsidies/external-claims (admins): a certificate already subsidised by unemployment insurance. */
export const externalSubsidyClaimInput = z.strictObject({
  certificateId: uuid('证书编号格式不对'),
  claimedOn: day('日期格式应为YYYY-MM-DD'),
});
