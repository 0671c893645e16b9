/**
 * Which WeChat subscribe messages to ask for at a moment, and what the person's answer means.
 * Pure (no Taro), so the rules are unit-tested: see miniapp/test/unit/subscribeConsent.test.ts.
 */

/** The moments the mini-program asks for consent, each with the notifications that matter then. */
export const SUBSCRIBE_MOMENTS = {
  /** After signing up for a class: the day-before reminder, a waitlist seat, a cancelled class. */
  enrolled: ['class.reminder', 'waitlist.promoted', 'class.cancelled'],
  /** After signing up for an evaluation: the day-before reminder and the result. */
  evaluationSignedUp: ['evaluation.reminder', 'evaluation.result'],
  /** After applying for the subsidy: each status change. */
  subsidyApplied: ['subsidy.status_changed'],
  /** On the matched-jobs page: a new job that fits. */
  jobMatches: ['job.match'],
} as const satisfies Record<string, readonly string[]>

export type SubscribeMoment = keyof typeof SUBSCRIBE_MOMENTS

/** wx.requestSubscribeMessage takes at most 3 one-time templates per call. */
export const MAX_TEMPLATES_PER_REQUEST = 3

export interface TemplateInfo {
  key: string
  templateId: string | null
}

export interface SubscribePlan {
  /** Our keys, in the order asked. */
  keys: string[]
  /** The WeChat template ids for those keys, same order. */
  tmplIds: string[]
}

/** The templates to ask for: the moment's keys that this deployment has a WeChat template for, at most 3. */
export function planSubscription(moment: SubscribeMoment, templates: readonly TemplateInfo[]): SubscribePlan {
  const byKey = new Map(templates.filter((t) => t.templateId).map((t) => [t.key, t.templateId as string]))
  const keys = SUBSCRIBE_MOMENTS[moment].filter((k) => byKey.has(k)).slice(0, MAX_TEMPLATES_PER_REQUEST)
  return { keys, tmplIds: keys.map((k) => byKey.get(k)!) }
}

/**
 * What to record from wx.requestSubscribeMessage's answer ({ [tmplId]: 'accept' | 'reject' | 'ban' |
 * 'filter', errMsg }): every key asked, and those accepted. Only 'accept' allows a message.
 */
export function consentFromAnswer(plan: SubscribePlan, answer: Record<string, unknown>): { templates: string[]; accepted: string[] } {
  return {
    templates: plan.keys,
    accepted: plan.keys.filter((_, i) => answer[plan.tmplIds[i]!] === 'accept'),
  }
}
