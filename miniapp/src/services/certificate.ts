/**
 * 证书查询 form values and their validation with the shared lookup schema (the server checks the
 * same), and the words a certificate is shown with.
 */
import {
  CERTIFICATE_LEVEL_NAMES,
  CERTIFICATE_STATUSES,
  CERTIFICATE_TYPE_NAMES,
  certificateLookupInputSchema,
  fieldErrors,
} from '@jz/shared'
import type { PublicCertificate } from '@jz/shared'
import type { CertificateLookupQuery } from './api'

export type LookupMode = 'number' | 'id'
export const LOOKUP_FIELDS = ['certificateNo', 'idType', 'idNumber', 'name'] as const
export type LookupField = (typeof LOOKUP_FIELDS)[number]
export type LookupValues = Record<LookupField, string>
export type LookupErrors = Partial<Record<LookupField, string>>

export const EMPTY_LOOKUP: LookupValues = { certificateNo: '', idType: 'resident', idNumber: '', name: '' }

/** What this mode sends: only its own fields, so the server never sees both kinds at once. */
export function lookupQuery(mode: LookupMode, v: LookupValues): CertificateLookupQuery {
  return mode === 'number'
    ? { certificateNo: v.certificateNo, name: v.name }
    : { idType: v.idType, idNumber: v.idNumber, name: v.name }
}

const schema = certificateLookupInputSchema()

/** Every problem of the form, per field; empty when it may be sent. */
export function validateLookup(mode: LookupMode, v: LookupValues): LookupErrors {
  const result = schema.safeParse(lookupQuery(mode, v))
  if (result.success) return {}
  const all = fieldErrors(result.error)
  const errors: LookupErrors = {}
  for (const f of LOOKUP_FIELDS) if (all[f]) errors[f] = all[f]
  if (Object.keys(errors).length === 0) errors.name = all._ ?? '请检查填写的内容'
  return errors
}

export const statusText = (c: Pick<PublicCertificate, 'status'>): string => CERTIFICATE_STATUSES[c.status]
export const typeText = (c: Pick<PublicCertificate, 'type'>): string => CERTIFICATE_TYPE_NAMES[c.type]

/** "四级/中级工"; a 专项职业能力证书 has no level. */
export const levelText = (c: Pick<PublicCertificate, 'level'>): string => (c.level ? CERTIFICATE_LEVEL_NAMES[c.level] : '不分等级')

/** "养老护理员（居家照护）" */
export function occupationText(c: Pick<PublicCertificate, 'occupation' | 'direction'>): string {
  return c.direction ? `${c.occupation.name}（${c.direction}）` : c.occupation.name
}
