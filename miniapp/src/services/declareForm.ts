/**
 * The 企业申报用工需求 form's values and their validation with the shared schema, so the phone checks
 * exactly what the server checks (including the GB 32100 check character of the credit code).
 */
import { DECLARATION_STATUSES, demandDeclarationInput, fieldErrors } from '@jz/shared'
import type { DemandDeclaration, DemandDeclarationInput } from '@jz/shared'

export const DECLARE_FIELDS = [
  'enterpriseName',
  'creditCode',
  'contactName',
  'contactPhone',
  'occupation',
  'headcount',
  'skills',
  'district',
  'wantedBy',
  'payMin',
  'payMax',
] as const
export type DeclareField = (typeof DECLARE_FIELDS)[number]
export type DeclareFormValues = Record<DeclareField, string>
export type DeclareFieldErrors = Partial<Record<DeclareField, string>>

export const EMPTY_DECLARE_FORM: DeclareFormValues = {
  enterpriseName: '',
  creditCode: '',
  contactName: '',
  contactPhone: '',
  occupation: '',
  headcount: '',
  skills: '',
  district: '',
  wantedBy: '',
  payMin: '',
  payMax: '',
}

/** '' stays absent (so the schema says what is missing); anything else becomes a number, NaN when it is not one. */
const numberOrAbsent = (v: string): number | undefined => (v.trim() === '' ? undefined : Number(v.trim()))
const textOrAbsent = (v: string): string | undefined => (v === '' ? undefined : v)

/** What would be sent for these values (before the schema has looked at it). */
function candidate(values: DeclareFormValues): Record<string, unknown> {
  return {
    enterpriseName: values.enterpriseName,
    creditCode: values.creditCode,
    contactName: values.contactName,
    contactPhone: values.contactPhone,
    occupation: textOrAbsent(values.occupation),
    headcount: numberOrAbsent(values.headcount),
    skills: values.skills,
    district: textOrAbsent(values.district),
    wantedBy: textOrAbsent(values.wantedBy),
    payMin: numberOrAbsent(values.payMin),
    payMax: numberOrAbsent(values.payMax),
    submit: true,
  }
}

function allErrors(values: DeclareFormValues): { input?: DemandDeclarationInput; errors: DeclareFieldErrors } {
  const result = demandDeclarationInput.safeParse(candidate(values))
  if (result.success) return { input: result.data, errors: {} }
  const whole = fieldErrors(result.error)
  const errors: DeclareFieldErrors = {}
  for (const f of DECLARE_FIELDS) if (whole[f]) errors[f] = whole[f]
  return { errors }
}

/** The message for one field, or undefined when it is fine. */
export function validateDeclareField(values: DeclareFormValues, field: DeclareField): string | undefined {
  return allErrors(values).errors[field]
}

export type DeclareValidation = { ok: true; input: DemandDeclarationInput } | { ok: false; errors: DeclareFieldErrors }

/** Checks the whole form; on success returns the parsed input ready to send (with `submit: true`). */
export function validateDeclaration(values: DeclareFormValues): DeclareValidation {
  const { input, errors } = allErrors(values)
  if (input) return { ok: true, input }
  if (Object.keys(errors).length === 0) errors.enterpriseName = '请检查填写的内容'
  return { ok: false, errors }
}

/** 待审核 / 已退回（原因）/ 已发布 … */
export function declarationStatusText(d: Pick<DemandDeclaration, 'status' | 'returnReason'>): string {
  const label = DECLARATION_STATUSES[d.status]
  return d.status === 'returned' && d.returnReason ? `${label}（${d.returnReason}）` : label
}
