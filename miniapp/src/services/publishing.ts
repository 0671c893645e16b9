/** 我的班次: institution staff list, create, edit, publish, close and cancel their classes, through the one API client. */
import type { ClassCreateInput, ClassUpdateInput, InstitutionClasses, PublicationStatus, StaffClass } from '@jz/shared'
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
