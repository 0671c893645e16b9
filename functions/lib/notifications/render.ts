/**
 * Turns an outbox event into subscribe-message fields. The keywords (thing1, date2, …) are those of
 * the template chosen for the event in the WeChat console; each value stays within WeChat's limits
 * (thing ≤ 20 characters, phrase ≤ 5 Chinese characters, character_string ≤ 32 ASCII characters,
 * date as YYYY年MM月DD日, amount as digits plus 元), or WeChat refuses the message (47003).
 */

export interface RenderedNotification {
  data: Record<string, string>;
  /** Query string for the page the message opens. */
  query?: string;
}

/** At most `max` characters, with … when cut. */
export function thing(value: unknown, max = 20): string {
  const chars = Array.from(String(value ?? '').replace(/\s+/g, ' ').trim());
  if (chars.length === 0) return '—';
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

export function characterString(value: unknown): string {
  return String(value ?? '').replace(/[^\x21-\x7e]/g, '').slice(0, 32) || '-';
}

export function date(value: unknown): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value ?? ''));
  return m ? `${m[1]}年${m[2]}月${m[3]}日` : '待定';
}

/** The Beijing calendar date (YYYY-MM-DD) of a timestamp such as 2026-12-01T01:30:00+00:00. */
export function beijingDate(value: unknown): string | null {
  const t = Date.parse(String(value ?? ''));
  return Number.isNaN(t) ? null : new Date(t + 8 * 3600_000).toISOString().slice(0, 10);
}

export function amount(value: unknown): string {
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? `${n.toFixed(2)}元` : '0.00元';
}

const SUBSIDY_STATUS: Record<string, [string, string]> = {
  submitted: ['已提交', '补贴申请已提交，请等待审核'],
  under_review: ['审核中', '补贴申请正在审核'],
  approved: ['已通过', '审核已通过，即将进入公示'],
  publicised: ['公示中', '审核通过，正在公示'],
  paid: ['已发放', '补贴已发放到社保卡金融账户'],
  rejected: ['未通过', '审核未通过'],
  withdrawn: ['已撤回', '补贴申请已撤回'],
};

const EVALUATION_OUTCOME: Record<string, [string, string]> = {
  pass: ['合格', '评价合格，证书已发放'],
  fail: ['不合格', '评价未通过，可报名下次评价'],
  absent: ['缺考', '您未参加本次评价'],
};

const LEVEL: Record<string, string> = { '5': '五级', '4': '四级', '3': '三级', '2': '二级', '1': '一级', special: '专项' };

/** Review outcome of a declaration or a project proposal. */
const REVIEWED: Record<string, [string, string]> = {
  published: ['已发布', '审核通过，已公开发布'],
  returned: ['已退回', '请按退回原因修改后重新提交'],
};

type Payload = Record<string, unknown>;

/** The declarer or proposer hears whether the district published or returned it (and why). */
function reviewed(p: Payload, what: unknown, id: unknown): RenderedNotification {
  const [word, note] = REVIEWED[String(p.status)] ?? ['已更新', '审核状态已更新'];
  return {
    data: { thing1: thing(what), phrase2: word, thing3: thing(p.status === 'returned' && p.reason ? p.reason : note) },
    query: `id=${id}`,
  };
}

function pay(p: Payload): string {
  const [min, max] = [Number(p.payMin), Number(p.payMax)];
  if (Number.isFinite(min) && min > 0 && Number.isFinite(max) && max >= min) return `月薪${min}-${max}元`;
  return '薪资面议';
}
const renderers: Record<string, (p: Payload) => RenderedNotification> = {
  'waitlist.promoted': (p) => ({
    data: { thing1: thing(p.className ?? p.projectTitle), date2: date(p.startDate), thing3: '候补成功，已为您保留名额' },
    query: `id=${p.enrollmentId}`,
  }),
  'class.cancelled': (p) => ({
    data: { thing1: thing(p.className ?? p.projectTitle), date2: date(p.startDate), thing3: thing(p.reason ? `已取消：${p.reason}` : '班次已取消，可改报其他班次') },
    query: `id=${p.enrollmentId}`,
  }),
  'enrollment.completed': (p) => ({
    data: { thing1: thing(p.className ?? p.projectTitle), thing2: '已完成培训，可报名技能评价' },
    query: `id=${p.enrollmentId}`,
  }),
  'enrollment.dropped': (p) => ({
    data: { thing1: thing(p.className), thing2: thing(p.reason ?? '您已被移出班级') },
    query: `id=${p.enrollmentId}`,
  }),
  'class.reminder': (p) => ({
    data: { thing1: thing(p.className ?? p.projectTitle), date2: date(p.startDate), thing3: thing(p.address ?? '明天开课，请按时到场') },
    query: `id=${p.enrollmentId}`,
  }),
  'evaluation.reminder': (p) => ({
    data: { thing1: thing(`${p.occupationName ?? '技能评价'}${LEVEL[String(p.level)] ?? ''}`), date2: date(beijingDate(p.startsAt)), thing3: thing(p.place) },
  }),
  'certificate.issued': (p) => ({
    data: { character_string1: characterString(p.certificateNo), thing2: thing(`${p.occupationName ?? '职业技能'}${LEVEL[String(p.level)] ?? ''}`), date3: date(p.issuedOn) },
    query: `id=${p.certificateId}`,
  }),
  'evaluation.cancelled': (p) => ({
    data: { thing1: thing(`${p.occupationName ?? '技能评价'}${LEVEL[String(p.level)] ?? ''}`), date2: date(beijingDate(p.startsAt)), thing3: thing(p.reason ?? '评价场次已取消，可报名其他场次') },
  }),
  'demand.reviewed': (p) => reviewed(p, `${p.enterpriseName ?? ''}${p.occupationName ?? '用工需求'}`, p.demandId),
  'proposal.reviewed': (p) => reviewed(p, p.title ?? '培训项目', p.proposalId),
  'job.match': (p) => ({
    data: { thing1: thing(p.title ?? p.occupation), thing2: thing(p.enterprise), thing3: thing(`${p.district ?? ''} ${pay(p)}`) },
    query: `id=${p.jobId}`,
  }),
  'evaluation.result': (p) => {
    const [word, note] = EVALUATION_OUTCOME[String(p.outcome)] ?? ['已出结果', '评价结果已发布'];
    return {
      data: { thing1: thing(`${p.occupationName ?? '技能评价'}${LEVEL[String(p.level)] ?? ''}`), phrase2: word, thing3: note },
    };
  },
  'certificate.revoked': (p) => ({
    data: { character_string1: characterString(p.certificateNo), thing2: thing(p.reason ?? '证书已被撤销') },
    query: `id=${p.certificateId}`,
  }),
  'subsidy.status_changed': (p) => {
    const [word, note] = SUBSIDY_STATUS[String(p.status)] ?? ['已更新', '补贴申请状态已更新'];
    return {
      data: { phrase1: word, amount2: amount(p.amount), thing3: thing(p.status === 'rejected' && p.reason ? p.reason : note) },
      query: `id=${p.applicationId}`,
    };
  },
};

/** The fields for this event, or undefined for an event with no template layout. */
export function renderNotification(event: string, payload: Payload): RenderedNotification | undefined {
  return renderers[event]?.(payload ?? {});
}
