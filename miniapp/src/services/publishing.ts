/**
 * 我的班次 and 评价场次: institution staff list, create, edit, publish, close and cancel their classes, evaluator
 * staff their evaluation sittings, through the one API client.
 */
import type {
  ClassCreateInput,
  ClassUpdateInput,
  EvaluationScope,
  EvaluationSessionCreateInput,
  EvaluationSessionUpdateInput,
  EvaluatorSessions,
  InstitutionClasses,
  PublicationStatus,
  StaffClass,
  StaffEvaluationSession,
} from '@jz/shared'
import { request, type RequestOptions } from './api'

type CallOptions = Pick<RequestOptions, 'silent'>

export function listMyClasses(status: PublicationStatus | undefined, options: CallOptions = {}): Promise<InstitutionClasses> {
  return request('GET', '/api/classes', { query: { status }, ...options })
}

export function createClass(input: ClassCreateInput, options: CallOptions = {}): Promise<{ class: StaffClass }> {
  return request('POST', '/api/classes', { body: input, ...options })
}

export function updateClass(id: string, input: ClassUpdateInput, options: CallOptions = {}): Promise<{ class: StaffClass }> {
  return request('PUT', `/api/classes/${encodeURIComponent(id)}`, { body: input, ...options })
}

export function moveClass(id: string, action: 'publish' | 'close' | 'cancel', reason?: string, options: CallOptions = {}): Promise<{ class: StaffClass }> {
  return request('POST', `/api/classes/${encodeURIComponent(id)}/${action}`, { body: action === 'cancel' ? { reason } : {}, ...options })
}

/** People a cancellation would tell: everyone holding a seat or waiting for one. */
export const peopleToNotify = (c: Pick<StaffClass, 'enrolled' | 'waitlisted'>) => c.enrolled + c.waitlisted

/** The evaluator's sittings (drafts included), soonest first, with counts per status. */
export function listMySessions(status: PublicationStatus | undefined, options: CallOptions = {}): Promise<EvaluatorSessions> {
  return request('GET', '/api/evaluation-sessions', { query: { status }, ...options })
}

/** The occupations and levels the caller's evaluator may schedule sittings for. */
export function getEvaluationScope(options: CallOptions = {}): Promise<EvaluationScope> {
  return request('GET', '/api/evaluation-sessions/scope', options)
}

export function createSession(input: EvaluationSessionCreateInput, options: CallOptions = {}): Promise<{ session: StaffEvaluationSession }> {
  return request('POST', '/api/evaluation-sessions', { body: input, ...options })
}

export function updateSession(id: string, input: EvaluationSessionUpdateInput, options: CallOptions = {}): Promise<{ session: StaffEvaluationSession }> {
  return request('PUT', `/api/evaluation-sessions/${encodeURIComponent(id)}`, { body: input, ...options })
}

export function moveSession(
  id: string,
  action: 'publish' | 'close' | 'cancel',
  reason?: string,
  options: CallOptions = {},
): Promise<{ session: StaffEvaluationSession }> {
  return request('POST', `/api/evaluation-sessions/${encodeURIComponent(id)}/${action}`, { body: action === 'cancel' ? { reason } : {}, ...options })
}
