/** District review of the supply side: the demand queue and the institution whitelists, through the one API client. */
import type { DeclarationStatus, DemandDeclaration, ReviewInstitution, ReviewInstitutionList, WhitelistStatus } from '@jz/shared'
import { request, type RequestOptions } from './api'

type CallOptions = Pick<RequestOptions, 'silent'>

export function listDemandsForReview(status: DeclarationStatus | undefined, options: CallOptions = {}): Promise<{ items: DemandDeclaration[] }> {
  return request('GET', '/api/review/demands', { query: { status }, ...options })
}

export function decideDemand(id: string, decision: 'publish' | 'return', reason?: string): Promise<{ demand: DemandDeclaration }> {
  return request('POST', `/api/review/demands/${encodeURIComponent(id)}/decision`, { body: { decision, ...(reason ? { reason } : {}) }, silent: true })
}

export function closeDemand(id: string, status: 'fulfilled' | 'closed'): Promise<{ demand: DemandDeclaration }> {
  return request('POST', `/api/review/demands/${encodeURIComponent(id)}/close`, { body: { status }, silent: true })
}

export function listInstitutionsForReview(
  filter: { status?: WhitelistStatus; kind?: 'training' | 'evaluation' },
  options: CallOptions = {},
): Promise<ReviewInstitutionList> {
  return request('GET', '/api/review/institutions', { query: filter, ...options })
}

export function setWhitelist(id: string, action: 'list' | 'suspend' | 'restore', reason?: string): Promise<{ institution: ReviewInstitution }> {
  return request('POST', `/api/review/institutions/${encodeURIComponent(id)}/whitelist`, {
    body: { action, ...(reason ? { reason } : {}) },
    silent: true,
  })
}
