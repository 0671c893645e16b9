import { describe, expect, it } from 'vitest'
import { beijingToday, creditCodeCheckChar, type ManagedJob } from '@jz/shared'
import { emptyJobForm, jobFormFrom, outcomesPerMonth, splitBenefits, validateJobForm, validateOutcomeForm, type JobFormValues } from '../../src/services/jobForm'

const USER = '7b0f6f1e-2d4c-4a8b-9c1d-3e5f7a9b1c2d'
const DEMAND = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f'
const filled: JobFormValues = {
  ...emptyJobForm(),
  enterpriseName: '北京示例康养服务有限公司',
  creditCode: `91110105MA0123456${creditCodeCheckChar('91110105MA0123456')}`,
  title: '养老护理员（白班）',
  occupation: '4-10-01-05',
  level: '4',
  openings: '3',
  payMin: '6000',
  payMax: '8000',
  district: '110105',
  benefits: '五险一金，包吃住、 带薪年假',
  contactName: '刘经理',
  contactPhone: '13700001111',
}

describe('validateJobForm', () => {
  it('names each missing or wrong field of a new job in Chinese', () => {
    const result = validateJobForm('post', { ...emptyJobForm(), contactPhone: '123' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    for (const f of ['enterpriseName', 'creditCode', 'title', 'occupation', 'openings', 'district', 'contactName', 'contactPhone'] as const) {
      expect(result.errors[f], f).toMatch(/[\u4e00-\u9fa5]/)
    }
    expect(result.errors).toMatchObject({ title: '请填写岗位名称', enterpriseName: '请填写企业名称', contactName: '请填写联系人' })
    expect(result.errors.level).toBeUndefined()
  })

  it('puts pay out of order on the highest pay', () => {
    expect(validateJobForm('post', { ...filled, payMin: '9000', payMax: '8000' })).toEqual({ ok: false, errors: { payMax: '最高月薪不能低于最低月薪' } })
  })

  it('puts a bad benefit on the benefits field and refuses a past deadline', () => {
    const result = validateJobForm('edit', { ...filled, benefits: '这一项福利的名字实在是太长了超过十二个字', validUntil: '2020-01-01' })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(Object.keys(result.errors).sort()).toEqual(['benefits', 'validUntil'])
    }
  })

  it('only checks the fields of the mode: an edit has no enterprise, a demand brings its own pay', () => {
    const edit = validateJobForm('edit', { ...filled, enterpriseName: '', occupation: '' })
    expect(edit.ok).toBe(true)
    const demand = validateJobForm('demand', { ...filled, payMin: 'abc', contactName: '', contactPhone: '' }, DEMAND)
    expect(demand).toMatchObject({ ok: true, input: { demandId: DEMAND, openings: 3, benefits: ['五险一金', '包吃住', '带薪年假'] } })
    if (demand.ok) expect(demand.input).toMatchObject({ contactName: undefined, contactPhone: undefined })
  })

  it('round-trips a managed job into the edit form', () => {
    const job = { title: '保洁员', level: null, openings: 2, payMin: null, payMax: 7000, address: '', benefits: ['五险一金'], description: '',
                  contact: { name: '周主任', phone: '13911112222' }, validUntil: beijingToday() } as unknown as ManagedJob
    const values = jobFormFrom(job)
    expect(values).toMatchObject({ level: '', payMin: '', payMax: '7000', benefits: '五险一金', contactPhone: '13911112222' })
    expect(validateJobForm('edit', values)).toMatchObject({ ok: true, input: { level: null, payMin: null, payMax: 7000 } })
  })
})

describe('validateOutcomeForm', () => {
  it('asks for the person and names bad pay', () => {
    const result = validateOutcomeForm({ userId: '', employerName: '示例公司', hiredOn: beijingToday(), monthlyPay: '50' }, {})
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.errors.userId).toBe('请选择学员')
      expect(result.errors.monthlyPay).toMatch(/500/)
    }
  })

  it('sends the scope of the chosen person', () => {
    const result = validateOutcomeForm({ userId: USER, employerName: '示例公司', hiredOn: beijingToday(), monthlyPay: '' }, { stationCode: 'STA-110105-001' })
    expect(result).toMatchObject({ ok: true, input: { userId: USER, stationCode: 'STA-110105-001' } })
    if (result.ok) expect(result.input.monthlyPay).toBeUndefined()
  })
})

describe('outcomesPerMonth', () => {
  it('counts hires in each of the last months, oldest first, across a year end', () => {
    const buckets = outcomesPerMonth(
      [{ hiredOn: '2026-01-05' }, { hiredOn: '2026-01-31' }, { hiredOn: '2025-11-30' }, { hiredOn: '2025-06-01' }, { hiredOn: '2026-02-01' }],
      3,
      '2026-01-20',
    )
    expect(buckets).toEqual([
      { month: '2025-11', label: '11月', count: 1 },
      { month: '2025-12', label: '12月', count: 0 },
      { month: '2026-01', label: '1月', count: 2 },
    ])
  })

  it('splits benefits on Chinese and ASCII commas, 、 and spaces', () => {
    expect(splitBenefits(' 五险一金,包吃住，  双休、')).toEqual(['五险一金', '包吃住', '双休'])
  })
})
