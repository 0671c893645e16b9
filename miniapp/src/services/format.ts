/**
 * Dates, money and counts as people read them. Programme dates are Beijing dates; China keeps
 * UTC+8 all year, so plain arithmetic converts instants without Intl (missing on some phones).
 */
import { beijingToday } from '@jz/shared'

const BEIJING_OFFSET_MS = 8 * 3600 * 1000
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'] as const

function parts(day: string): { y: number; m: number; d: number } {
  const [y = 0, m = 0, d = 0] = day.split('-').map(Number)
  return { y, m, d }
}

/** "12月20日", with the year when it is not this year: "2027年1月30日". */
export function formatDay(day: string, today: string = beijingToday()): string {
  const { y, m, d } = parts(day)
  const year = y === parts(today).y ? '' : `${y}年`
  return `${year}${m}月${d}日`
}

/** "周六" for a YYYY-MM-DD date. */
export function weekday(day: string): string {
  const { y, m, d } = parts(day)
  return `周${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}`
}

/** "12月20日 至 2027年1月2日". */
export function formatDayRange(from: string, to: string, today: string = beijingToday()): string {
  return from === to ? formatDay(from, today) : `${formatDay(from, today)} 至 ${formatDay(to, today)}`
}

/** An instant as Beijing wall time: "11月27日 18:00". */
export function formatDateTime(iso: string, today: string = beijingToday()): string {
  const shifted = new Date(new Date(iso).getTime() + BEIJING_OFFSET_MS).toISOString()
  return `${formatDay(shifted.slice(0, 10), today)} ${shifted.slice(11, 16)}`
}

/** Whole days from today (Beijing) to `day`; negative when past. */
export function daysUntil(day: string, today: string = beijingToday()): number {
  const a = parts(today)
  const b = parts(day)
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000)
}

/** "12,800" */
export function formatNumber(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** A fee as people say it: "免费" or "1,200元". */
export function formatFee(yuan: number): string {
  return yuan > 0 ? `${formatNumber(yuan)}元` : '免费'
}

/** Yearly pay in 万元 with one decimal: 10.0 → "10万", 8.35 → "8.4万". */
export function formatWan(yuan: number): string {
  const wan = Math.round(yuan / 1000) / 10
  return `${Number.isInteger(wan) ? wan.toFixed(0) : wan.toFixed(1)}万`
}
