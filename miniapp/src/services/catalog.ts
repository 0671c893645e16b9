/** The catalog filters as people see them, and handing a search to the 培训 tab (tabs take no URL query). */
import { AUDIENCES, BEIJING_DISTRICTS, LEVELS, TRAINING_MODES, type CatalogLevel } from '@jz/shared'
import type { ProjectFilters } from './api'

/** The programme's four key fields, as 首页 shows them (codes as in the catalog). */
export const KEY_FIELDS = [
  { code: 'care', name: '康养托育', examples: '养老 · 育婴 · 保育' },
  { code: 'manufacturing', name: '先进制造', examples: '电工 · 焊工 · 数控' },
  { code: 'services', name: '现代服务', examples: '家政 · 烹饪 · 美发' },
  { code: 'new_occupations', name: '新职业', examples: '无人机 · 网约配送' },
] as const

export const MODE_LABELS: Record<string, string> = TRAINING_MODES
export const AUDIENCE_LABELS: Record<string, string> = AUDIENCES

/** Short level name for chips: 初级工, 中级工 … 专项能力. */
export function levelShort(level: string): string {
  return (LEVELS as Record<string, { short: string }>)[level]?.short ?? level
}

/** Long level name: 五级/初级工. */
export function levelLong(level: CatalogLevel | string): string {
  return (LEVELS as Record<string, { label: string }>)[level]?.label ?? level
}

export function districtLabel(code: string): string {
  return BEIJING_DISTRICTS.find((d) => d.code === code)?.name ?? code
}

/** The filters other than the search words, in the order the filter bar shows them. */
export const FILTER_KEYS = ['open', 'district', 'field', 'occupation', 'mode', 'level', 'audience'] as const
export type FilterKey = (typeof FILTER_KEYS)[number]

export function activeFilterCount(f: ProjectFilters): number {
  return FILTER_KEYS.filter((k) => (k === 'open' ? f.open : Boolean(f[k]))).length
}

/** Same filters, written as a stable string (to notice a change). */
export function filtersKey(f: ProjectFilters): string {
  return JSON.stringify([f.q?.trim() ?? '', ...FILTER_KEYS.map((k) => f[k] ?? '')])
}

/** Names of filter values the app has seen (field and occupation names come from the server), by `key:code`. */
export type FilterNames = Record<string, string>

const KEY_FIELD_NAMES: FilterNames = Object.fromEntries(KEY_FIELDS.map((f) => [`field:${f.code}`, f.name]))

/** What a filter chip says, e.g. 朝阳区, 康养托育, 线上, 中级工. */
export function filterChipLabel(key: FilterKey, f: ProjectFilters, names: FilterNames): string {
  if (key === 'open') return '现在能报名'
  const code = f[key]
  if (!code || typeof code !== 'string') return ''
  switch (key) {
    case 'district':
      return districtLabel(code)
    case 'mode':
      return MODE_LABELS[code] ?? code
    case 'level':
      return levelShort(code)
    case 'audience':
      return AUDIENCE_LABELS[code] ?? code
    default:
      return names[`${key}:${code}`] ?? KEY_FIELD_NAMES[`${key}:${code}`] ?? code
  }
}

export interface TrainingSearch {
  filters: ProjectFilters
  names?: FilterNames
}

let pending: TrainingSearch | null = null

/** 首页 and other pages hand a search to the 培训 tab here; the tab takes it when it shows. */
export function setPendingTrainingFilters(filters: ProjectFilters, names?: FilterNames): void {
  pending = { filters, names }
}

export function takePendingTrainingFilters(): TrainingSearch | null {
  const f = pending
  pending = null
  return f
}
