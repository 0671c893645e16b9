/** The applicant's progress tracker: 提交 → 区级初审 → 审核通过 → 公示 → 发放, from the application's events. */
import { SUBSIDY_PUBLICITY_DAYS, beijingToday, type SubsidyApplication, type SubsidyProgressStep } from '@jz/shared';

const STEPS: Array<[SubsidyProgressStep['key'], string]> = [
  ['submitted', '提交申请'],
  ['under_review', '区级初审'],
  ['approved', '审核通过'],
  ['publicised', `公示（${SUBSIDY_PUBLICITY_DAYS}天）`],
  ['paid', '发放到社保卡'],
];

const dayOf = (iso: string) => beijingToday(new Date(iso));

export function subsidyProgress(app: SubsidyApplication): SubsidyProgressStep[] {
  const reached = new Map(app.events.map((e) => [e.to, e]));
  const stopped = app.status === 'rejected' || app.status === 'withdrawn' ? reached.get(app.status) : undefined;
  // The step a rejection or withdrawal stopped: the one after the last reached.
  const lastReached = Math.max(...STEPS.map(([key], i) => (reached.has(key) ? i : -1)));
  return STEPS.map(([key, label], i): SubsidyProgressStep => {
    const event = reached.get(key);
    if (event) {
      const note =
        key === 'publicised' && app.publicityStart && app.publicityEnd
          ? `公示期${app.publicityStart}至${app.publicityEnd}`
          : key === 'paid' && app.paymentRef
            ? `转账流水号${app.paymentRef}`
            : null;
      return { key, label, state: key === app.status && key !== 'paid' ? 'current' : 'done', date: dayOf(event.at), note };
    }
    if (stopped && i === lastReached + 1) {
      return {
        key,
        label,
        state: 'failed',
        date: dayOf(stopped.at),
        note: app.status === 'rejected' ? `未通过：${app.rejectReason ?? ''}` : '您已撤回申请',
      };
    }
    return { key, label, state: 'pending', date: null, note: null };
  });
}
