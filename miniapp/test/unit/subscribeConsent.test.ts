import { describe, expect, it } from 'vitest'
import { consentFromAnswer, MAX_TEMPLATES_PER_REQUEST, planSubscription, SUBSCRIBE_MOMENTS } from '../../src/services/subscribeConsent'

const templates = [
  { key: 'class.reminder', templateId: 'T-reminder' },
  { key: 'waitlist.promoted', templateId: 'T-promoted' },
  { key: 'class.cancelled', templateId: null }, // not configured in this deployment
  { key: 'subsidy.status_changed', templateId: 'T-subsidy' },
]

describe('planSubscription', () => {
  it('asks only for the moment’s notifications that have a WeChat template, in the moment’s order', () => {
    expect(planSubscription('enrolled', templates)).toEqual({
      keys: ['class.reminder', 'waitlist.promoted'],
      tmplIds: ['T-reminder', 'T-promoted'],
    })
    expect(planSubscription('subsidyApplied', templates)).toEqual({ keys: ['subsidy.status_changed'], tmplIds: ['T-subsidy'] })
  })

  it('asks for nothing when no template is configured', () => {
    expect(planSubscription('evaluationSignedUp', templates)).toEqual({ keys: [], tmplIds: [] })
    expect(planSubscription('enrolled', [])).toEqual({ keys: [], tmplIds: [] })
  })

  it('never asks WeChat for more than 3 templates at once', () => {
    const all = Object.values(SUBSCRIBE_MOMENTS).flat().map((key, i) => ({ key, templateId: `T${i}` }))
    for (const moment of Object.keys(SUBSCRIBE_MOMENTS) as (keyof typeof SUBSCRIBE_MOMENTS)[]) {
      expect(planSubscription(moment, all).tmplIds.length).toBeLessThanOrEqual(MAX_TEMPLATES_PER_REQUEST)
    }
  })
})

describe('consentFromAnswer', () => {
  it('records every key asked and accepts only those WeChat answered accept for', () => {
    const plan = planSubscription('enrolled', templates)
    expect(consentFromAnswer(plan, { errMsg: 'requestSubscribeMessage:ok', 'T-reminder': 'accept', 'T-promoted': 'reject' })).toEqual({
      templates: ['class.reminder', 'waitlist.promoted'],
      accepted: ['class.reminder'],
    })
    // 'ban' (blocked by WeChat) and 'filter' (template removed) are not consent either
    expect(consentFromAnswer(plan, { 'T-reminder': 'ban', 'T-promoted': 'filter' }).accepted).toEqual([])
  })
})
