/** Signing up for a class and reading one's sign-ups: the rules the pages show, in one place. */
import { beijingToday, type Enrollment, type Profile } from '@jz/shared'
import { PROFILE_FIELDS, type ProfileField } from './profileForm'

/** One sign-up intent: 8–128 characters of [A-Za-z0-9_-], unique enough per person and tap. */
export function newIdempotencyKey(): string {
  const rand = () => Math.floor(Math.random() * 0x100000000).toString(36)
  return `enr-${Date.now().toString(36)}-${rand()}${rand()}`
}

const FIELD_NAMES: Record<ProfileField, string> = {
  realName: '真实姓名',
  idType: '证件类型',
  idNumber: '证件号码',
  mobile: '手机号',
  category: '人员类别',
  district: '所在区',
  householdType: '户籍类型',
}

/** What the profile still lacks for a sign-up, as names people read (all of it without a profile). */
export function missingProfileItems(profile: Profile | null): string[] {
  if (!profile) return PROFILE_FIELDS.map((f) => FIELD_NAMES[f])
  const has: Record<ProfileField, boolean> = {
    realName: Boolean(profile.realName),
    idType: Boolean(profile.idType),
    idNumber: Boolean(profile.idNumberMasked),
    mobile: Boolean(profile.mobileMasked),
    category: Boolean(profile.category),
    district: Boolean(profile.district),
    householdType: Boolean(profile.householdType),
  }
  return PROFILE_FIELDS.filter((f) => !has[f]).map((f) => FIELD_NAMES[f])
}

/** What a refusal lets the person do next. */
export type RefusalAction = 'profile' | 'enrollments' | 'otherClasses' | null

export function refusalAction(code: string): RefusalAction {
  switch (code) {
    case 'profile_incomplete':
    case 'not_in_audience':
      return 'profile'
    case 'already_enrolled':
    case 'schedule_clash':
      return 'enrollments'
    case 'class_full':
    case 'enrollment_closed':
    case 'enrollment_not_open':
    case 'too_young':
      return 'otherClasses'
    default:
      return null
  }
}

/** Holds a place now (a seat or the waitlist). */
export function isActive(e: Enrollment): boolean {
  return e.status === 'enrolled' || e.status === 'waitlisted'
}

/** A waitlisted place can be given up any time; a seat only before the class starts. */
export function canCancel(e: Enrollment, today: string = beijingToday()): boolean {
  if (e.status === 'waitlisted') return true
  return e.status === 'enrolled' && e.class.startDate > today
}

/** The status line people read: 已报名, 候补第3位, 已取消 … */
export function statusText(e: Enrollment): string {
  switch (e.status) {
    case 'enrolled':
      return '已报名'
    case 'waitlisted':
      return e.position ? `候补第${e.position}位` : '候补中'
    case 'cancelled':
      return '已取消'
    case 'completed':
      return '已结业'
    case 'dropped':
      return '未结业'
  }
}

/** In the programme's own words, what happens next. */
export function statusHint(e: Enrollment): string {
  switch (e.status) {
    case 'enrolled':
      return '名额已为您保留。上课时请出示签到码，由培训机构扫码签到。'
    case 'waitlisted':
      return '有人取消时，按候补顺序自动为您补上名额，届时会通知您。'
    case 'cancelled':
      return '这次报名已取消。'
    case 'completed':
      return '恭喜结业！可以报名参加技能评价，考取证书。'
    case 'dropped':
      return e.dropReason ? `原因：${e.dropReason}` : '出勤不足，未能结业。'
  }
}
