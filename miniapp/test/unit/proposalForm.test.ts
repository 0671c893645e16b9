import { describe, expect, it } from 'vitest'
import type { ProjectProposal } from '@jz/shared'
import { EMPTY_PROPOSAL_FORM, proposalToForm, validateProposal } from '../../src/services/proposalForm'

const DEMAND = '7b0f6f1e-2d4c-4a8b-9c1d-3e5f7a9b1c2d'
const filled = {
  ...EMPTY_PROPOSAL_FORM,
  title: '养老护理员四级技能提升',
  projectType: 'upskilling',
  field: 'care',
  occupations: ['4-10-01-05'],
  level: '4',
  headcount: '20',
  content: '理论40课时，实操40课时：失能老人照护。',
  hours: '80',
  audiences: ['key_group'],
  demands: [DEMAND],
}

describe('the 项目申报 form', () => {
  it('turns filled-in strings into the API input', () => {
    const checked = validateProposal(filled)
    expect(checked).toEqual({
      ok: true,
      input: expect.objectContaining({ headcount: 20, hours: 80, funding: 'subsidised', demands: [DEMAND], mode: 'offline' }),
    })
  })

  it('names each field the shared schema refuses, one message per field', () => {
    const checked = validateProposal({ ...EMPTY_PROPOSAL_FORM, headcount: 'abc', funding: 'fee' })
    expect(checked.ok).toBe(false)
    if (checked.ok) return
    expect(Object.keys(checked.errors).sort()).toEqual(
      ['audiences', 'content', 'demands', 'fee', 'field', 'headcount', 'hours', 'level', 'occupations', 'projectType', 'title'].sort(),
    )
    expect(checked.errors.title).toMatch(/[\u4e00-\u9fa5]/)
    expect(validateProposal({ ...filled, funding: 'fee' })).toMatchObject({ ok: false, errors: { fee: expect.stringContaining('费用') } })
    expect(validateProposal({ ...filled, funding: 'fee', fee: '680' })).toMatchObject({ ok: true, input: { fee: 680 } })
  })

  it('loads a returned proposal back into the form', () => {
    const p = {
      title: filled.title,
      projectType: 'upskilling',
      field: { code: 'care', name: '康养托育' },
      occupations: [{ code: '4-10-01-05', name: '养老护理员' }],
      level: '4',
      headcount: 20,
      content: filled.content,
      hours: 80,
      mode: 'blended',
      audiences: ['key_group'],
      funding: 'subsidised',
      fee: 0,
      demands: [{ id: DEMAND }],
    } as unknown as ProjectProposal
    expect(proposalToForm(p)).toEqual({ ...filled, mode: 'blended' })
  })
})
