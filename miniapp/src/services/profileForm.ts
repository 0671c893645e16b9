/**
 * The 我的资料 form's values and their validation with the shared schema, so the phone checks
 * exactly what the server checks.
 */
import {
  BEIJING_DISTRICTS,
  HOUSEHOLD_TYPES,
  ID_TYPES,
  PERSON_CATEGORIES,
  beijingToday,
  fieldErrors,
  idNumberProblem,
  profileFieldSchemas,
  profileInputSchema,
} from '@jz/shared'
import type { IdType, Profile, ProfileInput } from '@jz/shared'

export const PROFILE_FIELDS = ['realName', 'idType', 'idNumber', 'mobile', 'category', 'district', 'householdType'] as const
export type ProfileField = (typeof PROFILE_FIELDS)[number]
export type ProfileFormValues = Record<ProfileField, string>
export type ProfileFieldErrors = Partial<Record<ProfileField, string>>

export const EMPTY_PROFILE_FORM: ProfileFormValues = {
  realName: '',
  idType: 'resident',
  idNumber: '',
  mobile: '',
  category: '',
  district: '',
  householdType: '',
}

export interface Option {
  value: string
  label: string
}

const entries = (o: Record<string, string>): Option[] => Object.entries(o).map(([value, label]) => ({ value, label }))

export const ID_TYPE_OPTIONS = entries(ID_TYPES)
export const CATEGORY_OPTIONS = entries(PERSON_CATEGORIES)
export const HOUSEHOLD_OPTIONS = entries(HOUSEHOLD_TYPES)
export const DISTRICT_OPTIONS: Option[] = BEIJING_DISTRICTS.map((d) => ({ value: d.code, label: d.name }))

const schema = profileInputSchema()

/** The message for one field, or undefined when it is fine; the ID number is checked against its type. */
export function validateProfileField(values: ProfileFormValues, field: ProfileField): string | undefined {
  if (field === 'idType' || field === 'idNumber') {
    const idType = profileFieldSchemas.idType.safeParse(values.idType)
    const idNumber = profileFieldSchemas.idNumber.safeParse(values.idNumber)
    if (field === 'idType') return idType.success ? undefined : idType.error.issues[0]?.message
    if (!idNumber.success) return idNumber.error.issues[0]?.message
    return idType.success ? idNumberProblem(idType.data as IdType, idNumber.data, beijingToday()) : undefined
  }
  const result = profileFieldSchemas[field].safeParse(values[field])
  return result.success ? undefined : result.error.issues[0]?.message
}

export type ProfileValidation = { ok: true; input: ProfileInput } | { ok: false; errors: ProfileFieldErrors }

/** Checks the whole form; on success returns the parsed input ready to send. */
export function validateProfile(values: ProfileFormValues): ProfileValidation {
  const result = schema.safeParse(values)
  if (result.success) return { ok: true, input: result.data }
  const errors: ProfileFieldErrors = {}
  for (const field of PROFILE_FIELDS) {
    const message = validateProfileField(values, field)
    if (message) errors[field] = message
  }
  // A cross-field rule the per-field checks cannot see still blocks saving.
  const whole = fieldErrors(result.error)
  for (const field of PROFILE_FIELDS) if (!errors[field] && whole[field]) errors[field] = whole[field]
  if (Object.keys(errors).length === 0) errors.realName = whole._ ?? '请检查填写的内容'
  return { ok: false, errors }
}

/** Form values for editing a saved profile: the ID number and phone are never shown in full, so they start empty. */
export function formFromProfile(profile: Profile): ProfileFormValues {
  return {
    realName: profile.realName,
    idType: profile.idType,
    idNumber: '',
    mobile: '',
    category: profile.category,
    district: profile.district,
    householdType: profile.householdType,
  }
}

export function optionLabel(options: Option[], value: string): string | undefined {
  return options.find((o) => o.value === value)?.label
}
