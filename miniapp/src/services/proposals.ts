/**
 * 项目申报 (指导目录开发) calls: institution staff propose projects answering published demands;
 * district reviewers publish or return them. Through the one API client (`request`).
 */
import type { ProjectProposal, ProposalDecisionInput, ProposalInput, ProposalList, ProposalStatus, ProposalUpdateInput } from '@jz/shared'
import { request, type RequestOptions } from './api'

type CallOptions = Pick<RequestOptions, 'silent'>

export function listMyProposals(status: ProposalStatus | undefined, options: CallOptions = {}): Promise<ProposalList> {
  return request<ProposalList>('GET', '/api/proposals', { query: { status }, ...options })
}

export function getProposal(id: string, options: CallOptions = {}): Promise<{ proposal: ProjectProposal }> {
  return request<{ proposal: ProjectProposal }>('GET', `/api/proposals/${id}`, options)
}

export function createProposal(input: ProposalInput, options: CallOptions = {}): Promise<{ proposal: ProjectProposal }> {
  return request<{ proposal: ProjectProposal }>('POST', '/api/proposals', { body: input, ...options })
}

export function updateProposal(id: string, input: ProposalUpdateInput, options: CallOptions = {}): Promise<{ proposal: ProjectProposal }> {
  return request<{ proposal: ProjectProposal }>('PUT', `/api/proposals/${id}`, { body: input, ...options })
}

export function moveProposal(id: string, action: 'submit' | 'withdraw', options: CallOptions = {}): Promise<{ proposal: ProjectProposal }> {
  return request<{ proposal: ProjectProposal }>('POST', `/api/proposals/${id}/${action}`, { body: {}, ...options })
}

export function listProposalsForReview(
  status: Exclude<ProposalStatus, 'draft'>,
  options: CallOptions = {},
): Promise<ProposalList> {
  return request<ProposalList>('GET', '/api/review/proposals', { query: { status }, ...options })
}

export function decideProposal(id: string, input: ProposalDecisionInput, options: CallOptions = {}): Promise<{ proposal: ProjectProposal }> {
  return request<{ proposal: ProjectProposal }>('POST', `/api/review/proposals/${id}/decision`, { body: input, ...options })
}
