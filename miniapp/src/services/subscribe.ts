/**
 * 消息订阅 at the moment it matters: after a sign-up, an evaluation sign-up, a subsidy application,
 * or on the matched-jobs page, offer the WeChat reminders that matter then and record the answer.
 * Never blocks or fails the step it follows: any problem just means no reminder was set up.
 */
import { getSubscriptions, recordSubscriptionConsent } from './api'
import { askToSubscribe, supportsSubscribeMessages } from './platform-subscribe'
import { consentFromAnswer, planSubscription, type SubscribeMoment } from './subscribeConsent'

const WHY: Record<SubscribeMoment, string> = {
  enrolled: '开课前一天、候补转正或班级有变动时，用微信提醒您。',
  evaluationSignedUp: '评价前一天和成绩出来时，用微信提醒您。',
  subsidyApplied: '补贴审核有进展时，用微信告诉您。',
  jobMatches: '有适合您的新岗位时，用微信告诉您。',
}

export async function offerSubscription(moment: SubscribeMoment): Promise<void> {
  if (!supportsSubscribeMessages) return
  try {
    const { items } = await getSubscriptions({ silent: true, loginOn401: false })
    const plan = planSubscription(moment, items)
    if (!plan.keys.length) return // this deployment has no WeChat templates for it yet
    const answer = await askToSubscribe(plan.tmplIds, WHY[moment])
    if (!answer) return
    await recordSubscriptionConsent(consentFromAnswer(plan, answer), { silent: true, loginOn401: false })
  } catch {
    // no reminder set up; the step itself already succeeded
  }
}
