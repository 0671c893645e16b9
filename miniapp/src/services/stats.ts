/** 数据看板 calls: the cohort funnel and its CSV export, with the same filters. */
import type { FunnelExportKind, FunnelQuery, FunnelStats } from '@jz/shared'
import { request, type RequestOptions } from './api'

type CallOptions = Pick<RequestOptions, 'silent' | 'loginOn401'>

function queryOf(filters: FunnelQuery): Record<string, string | undefined> {
  return { from: filters.from, to: filters.to, district: filters.district, field: filters.field, category: filters.category }
}

export function getFunnel(filters: FunnelQuery, options: CallOptions = {}): Promise<FunnelStats> {
  return request<FunnelStats>('GET', '/api/stats/funnel', { query: queryOf(filters), ...options })
}

/** The API path of the CSV export (downloaded with the session token; see platform-download). */
export function funnelExportPath(filters: FunnelQuery, kind: FunnelExportKind): string {
  const qs = Object.entries({ ...queryOf(filters), kind })
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&')
  return `/api/stats/export?${qs}`
}
