/**
 * The 项目申报 form's values and their validation with the shared schema, so the phone checks exactly
 * what the server checks. Lists (demands, occupations, audiences) are arrays; the rest strings.
 */
import { fieldErrors, PROPOSAL_STATUSES, proposalInput } from '@jz/shared'
import type { ProjectProposal, ProposalInput, ProposalStatus } from '@jz/shared'

export const PROPOSAL_FIELDS = [
  'title',
  'projectType',
  'field',
  'occupations',
  'level',
  'headcount',
  'content',
  'hours',
  'mode',
  'audiences',
  'funding',
  'fee',
  'demands',
] as const
export type ProposalField = (typeof PROPOSAL_FIELDS)[number]

export interface ProposalFormValues {
  title: string
  projectType: string
  field: string
  occupations: string[]
  level: string
  headcount: string
  content: string
  hours: string
  mode: string
  audiences: string[]
  funding: string
  fee: string
  demands: string[]
}
export type ProposalFieldErrors = Partial<Record<ProposalField, string>>

export const EMPTY_PROPOSAL_FORM: ProposalFormValues = {
  title: '',
  projectType: '',
  field: '',
  occupations: [],
  level: '',
  headcount: '',
  content: '',
  hours: '',
  mode: 'offline',
  audiences: [],
  funding: 'subsidised',
  fee: '',
  demands: [],
}

/** A proposal's values in the form, for editing a draft or a returned one. */
export function proposalToForm(p: ProjectProposal): ProposalFormValues {
  return {
    title: p.title,
    projectType: p.projectType,
    field: p.field.code,
    occupations: p.occupations.map((o) => o.code),
    level: p.level,
    headcount: String(p.headcount),
    content: p.content,
    hours: String(p.hours),
    mode: p.mode,
    audiences: [...p.audiences],
    funding: p.funding,
    fee: p.funding === 'fee' ? String(p.fee) : '',
    demands: p.demands.map((d) => d.id),
  }
}

const numberOrAbsent = (v: string): number | undefined => (v.trim() === '' ? undefined : Number(v.trim()))
const textOrAbsent = (v: string): string | undefined => (v === '' ? undefined : v)

export function validateProposal(values: ProposalFormValues): { ok: true; input: ProposalInput } | { ok: false; errors: ProposalFieldErrors } {
  const parsed = proposalInput.safeParse({
    title: values.title,
    projectType: textOrAbsent(values.projectType),
    field: textOrAbsent(values.field),
    occupations: values.occupations,
    level: textOrAbsent(values.level),
    headcount: numberOrAbsent(values.headcount),
    content: values.content,
    hours: numberOrAbsent(values.hours),
    mode: textOrAbsent(values.mode),
    audiences: values.audiences,
    funding: textOrAbsent(values.funding),
    fee: values.funding === 'fee' ? numberOrAbsent(values.fee) : undefined,
    demands: values.demands,
  })
  if (parsed.success) return { ok: true, input: parsed.data }
  const errors: ProposalFieldErrors = {}
  for (const [path, message] of Object.entries(fieldErrors(parsed.error))) {
    const field = path.split('.')[0] as ProposalField
    if ((PROPOSAL_FIELDS as readonly string[]).includes(field)) errors[field] ??= message
  }
  return { ok: false, errors }
}

export const proposalStatusText = (s: ProposalStatus) => PROPOSAL_STATUSES[s]
