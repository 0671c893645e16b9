import { z } from 'zod';
import { certificateNoProblem, normalizeCertificateNo } from '../rules/certificateNumber';
import { ID_TYPES, type IdType } from '../rules/person';
import { beijingToday } from '../rules/time';
import { idNumberProblem } from './profile';

const keysOf = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const uuid = (message: string) => z.uuid({ error: message });

export const EVALUATION_REGISTRATION_STATUSES = {
  registered: '已报名',
  cancelled: '已取消',
  evaluated: '已出结果',
} as const;
export type EvaluationRegistrationStatus = keyof typeof EVALUATION_REGISTRATION_STATUSES;

export const EVALUATION_OUTCOMES = { pass: '合格', fail: '不合格', absent: '缺考' } as const;
export type EvaluationOutcome = keyof typeof EVALUATION_OUTCOMES;

export const CERTIFICATE_STATUSES = { valid: '有效', revoked: '已撤销' } as const;
export type CertificateStatus = keyof typeof CERTIFICATE_STATUSES;

/** The mini-program page a certificate's QR code opens (the same path in the H5 build): ?token=… */
export const CERTIFICATE_VERIFY_PAGE = 'pages/verify/index';
export const VERIFY_TOKEN = /^[A-Za-z0-9_-]{32,64}$/;

/** POST /api/evaluations (with an Idempotency-Key header). */
export const evaluationSignupInput = z.strictObject({
  sessionId: uuid('评价场次编号格式不对'),
});
export type EvaluationSignupInput = z.infer<typeof evaluationSignupInput>;

export const evaluationRegistrationIdParams = z.object({ id: uuid('评价报名编号格式不对') });
export const evaluationSessionIdParams = z.object({ id: uuid('评价场次编号格式不对') });
export const certificateIdParams = z.object({ id: uuid('证书编号格式不对') });
export const verifyTokenParams = z.object({ token: z.string().regex(VERIFY_TOKEN, '验证码格式不对') });

/** PUT /api/evaluation-sessions/[id]/settings */
export const evaluationSessionSettingsInput = z.strictObject({
  allowsSelfStudy: z.boolean({ error: '请选择是否接受自学（社会）考生报名' }),
});
export type EvaluationSessionSettingsInput = z.infer<typeof evaluationSessionSettingsInput>;

const resultItem = z
  .strictObject({
    registrationId: uuid('考生编号格式不对'),
    outcome: z.enum(keysOf(EVALUATION_OUTCOMES), { error: '评价结果应为合格、不合格或缺考' }),
    score: z
      .number({ error: '成绩应为0到100之间的数' })
      .min(0, '成绩不能小于0')
      .max(100, '成绩不能超过100')
      .multipleOf(0.1, '成绩最多保留一位小数')
      .nullable()
      .optional(),
    direction: z.string({ error: '工种/职业方向应为文字' }).trim().min(1, '工种/职业方向不能为空').max(40, '工种/职业方向不能超过40个字').optional(),
  })
  .refine((r) => r.outcome !== 'absent' || r.score == null, { message: '缺考的考生不能有成绩', path: ['score'] });

/** POST /api/evaluation-sessions/[id]/results */
export const evaluationResultsInput = z
  .strictObject({
    results: z.array(resultItem, { error: '请提交考生成绩列表' }).min(1, '请至少录入一位考生的结果').max(500, '一次最多录入500位考生'),
  })
  .superRefine((v, ctx) => {
    const seen = new Map<string, number>();
    v.results.forEach((r, i) => {
      if (seen.has(r.registrationId)) {
        ctx.addIssue({ code: 'custom', path: ['results', i, 'registrationId'], message: `与第${seen.get(r.registrationId)! + 1}条是同一位考生` });
      } else seen.set(r.registrationId, i);
    });
  });
export type EvaluationResultsInput = z.infer<typeof evaluationResultsInput>;

/** POST /api/certificates/[id]/revoke */
export const revokeCertificateInput = z.strictObject({
  reason: z.string({ error: '请填写撤销原因' }).trim().min(2, '撤销原因至少2个字').max(200, '撤销原因不能超过200个字'),
});
export type RevokeCertificateInput = z.infer<typeof revokeCertificateInput>;

/** Names as printed on certificates: Chinese characters, letters, middle dots and spaces. */
export const certificateHolderName = z
  .string({ error: '请填写持证人姓名' })
  .trim()
  .min(2, '姓名至少2个字')
  .max(30, '姓名太长了')
  .regex(/^[\u4e00-\u9fa5·•・．.A-Za-z\s]+$/, '姓名只能包含汉字、字母和间隔号');

/**
 * POST /api/certificates/lookup: `{certificateNo, name}` or `{idType, idNumber, name}`. Numbers and
 * ID numbers are normalised (spaces removed, upper case) before they are checked.
 */
export function certificateLookupInputSchema(today: () => string = () => beijingToday()) {
  return z
    .strictObject({
      name: certificateHolderName,
      certificateNo: z.string({ error: '证书编号应为文字' }).max(40, '证书编号太长了').transform(normalizeCertificateNo).optional(),
      idType: z.enum(keysOf(ID_TYPES), { error: '请选择证件类型' }).optional(),
      idNumber: z
        .string({ error: '证件号码应为文字' })
        .max(32, '证件号码太长了')
        .transform((s) => s.replace(/\s+/g, '').toUpperCase())
        .optional(),
    })
    .superRefine((v, ctx) => {
      const byNumber = v.certificateNo !== undefined;
      const byId = v.idNumber !== undefined || v.idType !== undefined;
      if (byNumber && byId) {
        ctx.addIssue({ code: 'custom', path: ['certificateNo'], message: '请按证书编号或按证件号码查询，二选一' });
        return;
      }
      if (!byNumber && !byId) {
        ctx.addIssue({ code: 'custom', path: ['certificateNo'], message: '请填写证书编号，或证件类型和证件号码' });
        return;
      }
      if (byNumber) {
        const problem = certificateNoProblem(v.certificateNo!);
        if (problem) ctx.addIssue({ code: 'custom', path: ['certificateNo'], message: problem });
        return;
      }
      if (v.idType === undefined) ctx.addIssue({ code: 'custom', path: ['idType'], message: '请选择证件类型' });
      if (!v.idNumber) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: '请填写证件号码' });
      else if (v.idType) {
        const problem = idNumberProblem(v.idType, v.idNumber, today());
        if (problem) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: problem });
      }
    })
    .transform((v) =>
      v.certificateNo !== undefined
        ? ({ by: 'number', name: v.name, certificateNo: v.certificateNo } as const)
        : ({ by: 'id', name: v.name, idType: v.idType as IdType, idNumber: v.idNumber! } as const),
    );
}
export type CertificateLookupInput = z.infer<ReturnType<typeof certificateLookupInputSchema>>;

/** Limits of one import part: each part is a CSV of its own (header row + data rows). */
export const IMPORT_PART_MAX_BYTES = 1024 * 1024;
export const IMPORT_PART_MAX_ROWS = 10000;
export const IMPORT_MAX_PARTS = 100;

const flag = z
  .enum(['1', '0', 'true', 'false'], { error: 'partial 只能是 1 或 0' })
  .transform((s) => s === '1' || s === 'true');
const positiveInt = (message: string) =>
  z
    .string({ error: message })
    .regex(/^\d{1,3}$/, message)
    .transform(Number);

/**
 * POST /api/certificates/import?batch=<uuid>&part=<n>&of=<m>[&partial=1][&institution=EVA-001]:
 * without batch/part/of the body is the whole file (one part).
 */
export const certificateImportQuery = z
  .object({
    batch: uuid('batch 应为 UUID').optional(),
    part: positiveInt('part 应为1到100的整数').optional(),
    of: positiveInt('of 应为1到100的整数').optional(),
    partial: flag.optional(),
    institution: z.string().regex(/^[A-Z]{3}-[0-9A-Z-]{1,20}$/, '评价机构编码格式不对').optional(),
  })
  .superRefine((q, ctx) => {
    const given = [q.batch, q.part, q.of].filter((x) => x !== undefined).length;
    if (given !== 0 && given !== 3) {
      ctx.addIssue({ code: 'custom', path: ['batch'], message: '分段上传时 batch、part、of 三个参数都要提供' });
      return;
    }
    if (q.of !== undefined && (q.of < 1 || q.of > IMPORT_MAX_PARTS)) {
      ctx.addIssue({ code: 'custom', path: ['of'], message: `文件最多分为${IMPORT_MAX_PARTS}段` });
    }
    if (q.part !== undefined && q.of !== undefined && (q.part < 1 || q.part > q.of)) {
      ctx.addIssue({ code: 'custom', path: ['part'], message: 'part 应在1到of之间' });
    }
  });
export type CertificateImportQuery = z.infer<typeof certificateImportQuery>;
