/**
 * The 工作台 job form (发布岗位 / 修改岗位 / 需求转岗位) and the 就业登记 form: values as typed, checked
 * with the shared schemas so the phone says exactly what the server would; plus the per-month count
 * of employment outcomes the chart shows.
 */
import {
  beijingToday,
  employmentRecordInput,
  fieldErrors,
  jobFromDemandInput,
  jobPostInput,
  jobUpdateInput,
  type EmploymentOutcome,
  type EmploymentRecordInput,
  type JobFromDemandInput,
  type JobPostInput,
  type JobUpdateInput,
  type ManagedJob,
} from '@jz/shared'

export type JobFormMode = 'post' | 'edit' | 'demand'

export const JOB_FIELDS = [
  'enterpriseName',
  'creditCode',
  'title',
  'occupation',
  'level',
  'openings',
  'payMin',
  'payMax',
  'district',
  'address',
  'benefits',
  'description',
  'contactName',
  'contactPhone',
  'validUntil',
] as const
export type JobField = (typeof JOB_FIELDS)[number]
export type JobFormValues = Record<JobField, string>
export type JobFieldErrors = Partial<Record<JobField, string>>

/** The fields each mode shows: an edit keeps the enterprise, occupation and district; a demand brings its own. */
export const JOB_MODE_FIELDS: Record<JobFormMode, readonly JobField[]> = {
  post: JOB_FIELDS,
  edit: ['title', 'level', 'openings', 'payMin', 'payMax', 'address', 'benefits', 'description', 'contactName', 'contactPhone', 'validUntil'],
  demand: ['title', 'openings', 'address', 'benefits', 'description', 'contactName', 'contactPhone', 'validUntil'],
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

export function emptyJobForm(): JobFormValues {
  return {
    enterpriseName: '',
    creditCode: '',
    title: '',
    occupation: '',
    level: '',
    openings: '',
    payMin: '',
    payMax: '',
    district: '',
    address: '',
    benefits: '',
    description: '',
    contactName: '',
    contactPhone: '',
    validUntil: addDays(beijingToday(), 30),
  }
}

export function jobFormFrom(job: ManagedJob): JobFormValues {
  return {
    ...emptyJobForm(),
    title: job.title,
    level: job.level ?? '',
    openings: String(job.openings),
    payMin: job.payMin === null ? '' : String(job.payMin),
    payMax: job.payMax === null ? '' : String(job.payMax),
    address: job.address,
    benefits: job.benefits.join('，'),
    description: job.description,
    contactName: job.contact?.name ?? '',
    contactPhone: job.contact?.phone ?? '',
    validUntil: job.validUntil,
  }
}

/** '' stays absent (so the schema says what is missing); anything else becomes a number, NaN when it is not one. */
const numberOrAbsent = (v: string): number | undefined => (v.trim() === '' ? undefined : Number(v.trim()))
const textOrAbsent = (v: string): string | undefined => (v.trim() === '' ? undefined : v)
/** 福利 typed as 五险一金，包吃住 (Chinese or ASCII commas, 、 or spaces). */
export const splitBenefits = (v: string): string[] =>
  v
    .split(/[，,、\s]+/)
    .map((b) => b.trim())
    .filter(Boolean)

function candidate(mode: JobFormMode, values: JobFormValues, demandId: string): Record<string, unknown> {
  // Blank required text stays absent, so the message is 请填写… rather than a length rule.
  const content = {
    title: textOrAbsent(values.title),
    openings: numberOrAbsent(values.openings),
    address: values.address,
    benefits: splitBenefits(values.benefits),
    description: values.description,
    contactName: textOrAbsent(values.contactName),
    contactPhone: textOrAbsent(values.contactPhone),
    validUntil: textOrAbsent(values.validUntil),
  }
  if (mode === 'demand') return { demandId, ...content }
  const priced = { ...content, level: values.level === '' ? null : values.level, payMin: numberOrAbsent(values.payMin) ?? null, payMax: numberOrAbsent(values.payMax) ?? null }
  if (mode === 'edit') return priced
  return {
    ...priced,
    enterpriseName: textOrAbsent(values.enterpriseName),
    creditCode: textOrAbsent(values.creditCode),
    occupation: textOrAbsent(values.occupation),
    district: textOrAbsent(values.district),
  }
}

export type JobInput = JobPostInput | JobUpdateInput | JobFromDemandInput
export type JobValidation = { ok: true; input: JobInput } | { ok: false; errors: JobFieldErrors }

/** Checks the form for its mode; on success the parsed input ready to send. `benefits.3` errors land on `benefits`. */
export function validateJobForm(mode: JobFormMode, values: JobFormValues, demandId = ''): JobValidation {
  const schema = mode === 'post' ? jobPostInput : mode === 'edit' ? jobUpdateInput : jobFromDemandInput
  const result = schema.safeParse(candidate(mode, values, demandId))
  if (result.success) return { ok: true, input: result.data }
  const whole = fieldErrors(result.error)
  const errors: JobFieldErrors = {}
  for (const [key, message] of Object.entries(whole)) {
    const field = key.split('.')[0] as JobField
    if (JOB_MODE_FIELDS[mode].includes(field) && !errors[field]) errors[field] = message
  }
  if (Object.keys(errors).length === 0) errors.title = whole.demandId ?? '请检查填写的内容'
  return { ok: false, errors }
}

export const OUTCOME_FIELDS = ['userId', 'employerName', 'hiredOn', 'monthlyPay'] as const
export type OutcomeField = (typeof OUTCOME_FIELDS)[number]
export type OutcomeFormValues = Record<OutcomeField, string>

export const emptyOutcomeForm = (): OutcomeFormValues => ({ userId: '', employerName: '', hiredOn: beijingToday(), monthlyPay: '' })

/** Checks the 就业登记 form; the scope (institution or station) comes with the chosen person. */
export function validateOutcomeForm(
  values: OutcomeFormValues,
  scope: { institutionCode?: string; stationCode?: string },
): { ok: true; input: EmploymentRecordInput } | { ok: false; errors: Partial<Record<OutcomeField, string>> } {
  const result = employmentRecordInput.safeParse({
    userId: values.userId === '' ? undefined : values.userId,
    employerName: textOrAbsent(values.employerName),
    hiredOn: textOrAbsent(values.hiredOn),
    monthlyPay: numberOrAbsent(values.monthlyPay),
    ...scope,
  })
  if (result.success) return { ok: true, input: result.data }
  const whole = fieldErrors(result.error)
  const errors: Partial<Record<OutcomeField, string>> = {}
  for (const f of OUTCOME_FIELDS) if (whole[f]) errors[f] = whole[f]
  if (!values.userId) errors.userId = '请选择学员'
  if (Object.keys(errors).length === 0) errors.employerName = '请检查填写的内容'
  return { ok: false, errors }
}

/** Hires per month (by 入职日期) for the last `months` months up to today's month, oldest first: { month: '2026-03', label: '3月', count }. */
export function outcomesPerMonth(items: Pick<EmploymentOutcome, 'hiredOn'>[], months = 6, today = beijingToday()): { month: string; label: string; count: number }[] {
  const [y, m] = today.split('-').map(Number) as [number, number]
  const buckets: { month: string; label: string; count: number }[] = []
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1))
    const month = d.toISOString().slice(0, 7)
    buckets.push({ month, label: `${d.getUTCMonth() + 1}月`, count: 0 })
  }
  for (const o of items) {
    const bucket = buckets.find((b) => b.month === o.hiredOn.slice(0, 7))
    if (bucket) bucket.count += 1
  }
  return buckets
}
