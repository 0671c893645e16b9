/**
 * Catalog development (指导目录开发): project proposals answering published demands, their review,
 * and self-developed projects of districts, departments and 群团组织.
 */
import { z } from 'zod';
import { DISTRICT_CODES } from '../rules/districts';
import { CATALOG_LEVELS } from '../rules/levels';
import { AUDIENCES, PROJECT_TYPES, TRAINING_MODES } from './catalog';

export const PROPOSAL_STATUSES = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  published: '已发布',
  withdrawn: '已撤回',
} as const;
export type ProposalStatus = keyof typeof PROPOSAL_STATUSES;

export const PROJECT_SOURCES = {
  institution: '培训机构开发',
  district: '区自主开发',
  department: '行业部门开发',
  mass_org: '群团组织开发',
} as const;
export type ProjectSource = keyof typeof PROJECT_SOURCES;
/** Sources of self-developed projects, which reviewers and admins register. */
export const SELF_DEVELOPED_SOURCES = ['district', 'department', 'mass_org'] as const;

export const FUNDING_KINDS = { subsidised: '政府补贴（符合条件免费）', fee: '自费' } as const;

const keysOf = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const districtCode = z.string({ error: '请选择区' }).refine((d) => (DISTRICT_CODES as readonly string[]).includes(d), '区代码不正确');
const occupationCode = z.string().regex(/^(\d-\d{2}-\d{2}-\d{2}|ZX-\d{2}-\d{3})$/, '职业编码格式不对，例如 4-10-01-05');

/** What a proposal says about the project: the fields of 指导目录 (policy (二)). */
const proposalContent = {
  title: z.string({ error: '请填写项目名称' }).trim().min(4, '项目名称至少4个字').max(80, '项目名称最多80个字'),
  projectType: z.enum(keysOf(PROJECT_TYPES), { error: '请选择培训项目类型' }),
  field: z.string({ error: '请选择重点领域' }).regex(/^[a-z][a-z_]{1,39}$/, '重点领域不正确'),
  occupations: z
    .array(occupationCode, { error: '请选择拟培训职业' })
    .min(1, '请至少选择一个拟培训职业')
    .max(10, '拟培训职业最多10个')
    .refine((a) => new Set(a).size === a.length, '拟培训职业有重复'),
  level: z.enum(CATALOG_LEVELS, { error: '培训等级应为 5、4、3、2、1 或 special（专项职业能力）' }),
  headcount: z.number({ error: '培训人数应为1到100000之间的整数' }).int('培训人数应为整数').min(1, '培训人数至少为1').max(100_000, '培训人数最多100000'),
  content: z.string({ error: '请填写培训内容' }).trim().min(10, '培训内容至少10个字').max(4000, '培训内容最多4000个字'),
  hours: z.number({ error: '培训时长应为1到2000之间的整数（课时）' }).int('培训时长应为整数').min(1, '培训时长至少1课时').max(2000, '培训时长最多2000课时'),
  mode: z.enum(keysOf(TRAINING_MODES), { error: '请选择培训方式' }),
  audiences: z
    .array(z.enum(keysOf(AUDIENCES), { error: '培训对象应为企业职工、高校学生或重点就业群体' }), { error: '请选择培训对象' })
    .min(1, '请至少选择一类培训对象')
    .refine((a) => new Set(a).size === a.length, '培训对象有重复'),
  funding: z.enum(['subsidised', 'fee'], { error: '请选择收费方式' }),
  fee: z.number({ error: '费用应为0到100000之间的金额（元）' }).min(0, '费用不能为负数').max(100_000, '费用最多100000元').optional(),
  demands: z.array(z.uuid({ error: '需求编号格式不对' }), { error: '请选择对应的用工需求' }).max(20, '最多对应20条需求'),
};
/** Cross-field checks also run when other fields are wrong (as long as the ones they read are right), so a form shows every message at once. */
const whenValid = (...keys: string[]) => ({
  when: (payload: { issues: readonly { path?: readonly PropertyKey[] }[] }) => payload.issues.every((i) => !keys.includes(String(i.path?.[0]))),
});
const feeFitsFunding = (v: { funding: string; fee?: number }) => (v.funding === 'fee' ? (v.fee ?? 0) > 0 : !v.fee);
const feeError = { path: ['fee'], message: '自费项目请填写费用；政府补贴项目不收费', ...whenValid('funding', 'fee') };
const sourceName = z.string({ error: '请填写开发单位名称' }).trim().min(2, '开发单位名称至少2个字').max(80, '开发单位名称最多80个字');

/**
 * POST /api/proposals. Institution staff propose for their institution (source institution, at
 * least one demand); reviewers and admins register self-developed projects for a district in their
 * scope, naming the developer and the training institution that runs the classes.
 */
export const proposalInput = z
  .strictObject({
    ...proposalContent,
    source: z.enum(keysOf(PROJECT_SOURCES), { error: '开发来源应为培训机构、区、行业部门或群团组织' }).optional(),
    sourceName: sourceName.optional(),
    institution: z.string().regex(/^INS-[0-9A-Z-]{1,20}$/, '培训机构编号格式不对，例如 INS-001').optional(),
    district: districtCode.optional(),
    submit: z.boolean({ error: 'submit 应为 true 或 false' }).optional(),
  })
  .refine(feeFitsFunding, feeError)
  .refine((v) => (v.source ?? 'institution') !== 'institution' || v.demands.length > 0, {
    path: ['demands'],
    message: '请至少选择一条对应的用工需求',
    ...whenValid('source', 'demands'),
  })
  .refine((v) => (v.source ?? 'institution') === 'institution' || v.sourceName !== undefined, {
    path: ['sourceName'],
    message: '自主开发的项目请填写开发单位名称',
    ...whenValid('source', 'sourceName'),
  })
  .refine((v) => (v.source ?? 'institution') === 'institution' || v.institution !== undefined, {
    path: ['institution'],
    message: '请指定承担培训的机构',
    ...whenValid('source', 'institution'),
  })
  .refine((v) => (v.source ?? 'institution') === 'institution' || v.district !== undefined, {
    path: ['district'],
    message: '请选择项目所属的区',
    ...whenValid('source', 'district'),
  });
export type ProposalInput = z.infer<typeof proposalInput>;

/** PUT /api/proposals/[id]: a draft or returned proposal's content (source, institution and district stay). */
export const proposalUpdateInput = z
  .strictObject({ ...proposalContent, sourceName: sourceName.optional() })
  .refine(feeFitsFunding, feeError);
export type ProposalUpdateInput = z.infer<typeof proposalUpdateInput>;

export const proposalIdParams = z.object({ id: z.uuid({ error: '项目申报编号格式不对' }) });

/** GET /api/proposals */
export const proposalListQuery = z.object({
  status: z.enum(keysOf(PROPOSAL_STATUSES), { error: '状态不正确' }).optional(),
});

/** GET /api/review/proposals (drafts are never in the queue) */
export const proposalReviewQuery = z.object({
  status: z.enum(['submitted', 'returned', 'published', 'withdrawn'], { error: '状态不正确' }).optional(),
  district: districtCode.optional(),
});

/** POST /api/review/proposals/[id]/decision */
export const proposalDecisionInput = z
  .strictObject({
    decision: z.enum(['publish', 'return'], { error: '审核结果应为 publish 或 return' }),
    reason: z.string().trim().min(2, '原因至少2个字').max(200, '原因最多200个字').optional(),
  })
  .refine((v) => v.decision !== 'return' || v.reason !== undefined, { path: ['reason'], message: '退回时请填写原因' });
export type ProposalDecisionInput = z.infer<typeof proposalDecisionInput>;
