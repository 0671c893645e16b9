/** Jobs (岗位), matches, interest and the 我已入职 report: calls through the one API client, and the pages' paths. */
import Taro from '@tarojs/taro'
import type {
  EmploymentOutcome,
  EmploymentPerson,
  EmploymentRecordInput,
  EmploymentReportInput,
  JobDetail,
  JobFromDemandInput,
  JobInterested,
  JobInterestResult,
  JobItem,
  JobMatches,
  JobPostInput,
  JobUpdateInput,
  ManagedJobs,
  ManagedJobStatus,
  MyEmployment,
  Page,
} from '@jz/shared'
import { request, type RequestOptions } from './api'

type CallOptions = Pick<RequestOptions, 'silent'>

export interface JobFilters {
  q?: string
  occupation?: string
  district?: string
}

export function listJobs(filters: JobFilters, page: { cursor?: string | null; limit?: number }, options: CallOptions = {}): Promise<Page<JobItem>> {
  return request('GET', '/api/jobs', { auth: false, query: { ...filters, cursor: page.cursor ?? undefined, limit: page.limit }, ...options })
}

export function getJob(id: string, options: CallOptions = {}): Promise<{ job: JobDetail }> {
  return request('GET', `/api/jobs/${id}`, { loginOn401: false, ...options })
}

export function getJobMatches(options: CallOptions = {}): Promise<JobMatches> {
  return request('GET', '/api/me/job-matches', options)
}

export function markJobInterest(id: string, consentToShareContact: boolean): Promise<JobInterestResult> {
  return request('POST', `/api/jobs/${id}/interest`, { body: { consentToShareContact } })
}

export function withdrawJobInterest(id: string): Promise<{ withdrawn: boolean }> {
  return request('DELETE', `/api/jobs/${id}/interest`)
}

export function reportEmployment(input: EmploymentReportInput, options: CallOptions = {}): Promise<{ outcome: EmploymentOutcome }> {
  return request('POST', '/api/me/employment', { body: input, ...options })
}

/** 我的就业: what the person reported and what staff recorded for them, newest hire first. */
export function getMyEmployment(options: CallOptions = {}): Promise<MyEmployment> {
  return request('GET', '/api/me/employment', options)
}

// ---- 工作台: jobs (station staff, district reviewers) ----------------------------------------------

export function listManagedJobs(status: ManagedJobStatus | undefined, options: CallOptions = {}): Promise<ManagedJobs> {
  return request('GET', '/api/jobs/managed', { query: { status }, ...options })
}

export function postJob(input: JobPostInput, options: CallOptions = {}): Promise<{ job: JobDetail }> {
  return request('POST', '/api/jobs', { body: input, ...options })
}

export function updateJob(id: string, input: JobUpdateInput, options: CallOptions = {}): Promise<{ job: JobDetail }> {
  return request('PUT', `/api/jobs/${encodeURIComponent(id)}`, { body: input, ...options })
}

export function closeJob(id: string, options: CallOptions = {}): Promise<{ job: JobDetail }> {
  return request('POST', `/api/jobs/${encodeURIComponent(id)}/close`, { body: {}, ...options })
}

export function jobFromDemand(input: JobFromDemandInput, options: CallOptions = {}): Promise<{ job: JobDetail }> {
  return request('POST', '/api/jobs/from-demand', { body: input, ...options })
}

/** The people interested in a job: name and mobile of those who consented, a count of the rest. */
export function getJobInterested(id: string, options: CallOptions = {}): Promise<JobInterested> {
  return request('GET', `/api/jobs/${encodeURIComponent(id)}/interested`, options)
}

// ---- 工作台: employment outcomes (institution and station staff) -----------------------------------

export function listEmploymentOutcomes(options: CallOptions = {}): Promise<{ items: EmploymentOutcome[] }> {
  return request('GET', '/api/employment-outcomes', options)
}

export function recordEmploymentOutcome(input: EmploymentRecordInput, options: CallOptions = {}): Promise<{ outcome: EmploymentOutcome }> {
  return request('POST', '/api/employment-outcomes', { body: input, ...options })
}

/** The people the caller's institution or station served, masked; `q` is a name or the mobile's last four digits. */
export function findEmploymentPeople(q: string, options: CallOptions = {}): Promise<{ items: EmploymentPerson[] }> {
  return request('GET', '/api/employment-outcomes/people', { query: { q: q.trim() || undefined }, ...options })
}

export const JOB_PAGES = {
  jobs: '/pages/jobs/index',
  job: '/pages/job/index',
  matches: '/pages/job-matches/index',
  workbenchJobs: '/workbench/jobs/index',
  workbenchOutcomes: '/workbench/outcomes/index',
} as const

export const openJobs = () => void Taro.navigateTo({ url: JOB_PAGES.jobs })
export const openJob = (id: string) => void Taro.navigateTo({ url: `${JOB_PAGES.job}?id=${encodeURIComponent(id)}` })
export const openJobMatches = () => void Taro.navigateTo({ url: JOB_PAGES.matches })
export const openWorkbenchJobs = () => void Taro.navigateTo({ url: JOB_PAGES.workbenchJobs })
export const openWorkbenchOutcomes = () => void Taro.navigateTo({ url: JOB_PAGES.workbenchOutcomes })

/** 6000–8000 元/月, 面议 when no pay is named. */
export function payText(job: Pick<JobItem, 'payMin' | 'payMax'>): string {
  if (job.payMin !== null && job.payMax !== null) return job.payMin === job.payMax ? `${job.payMin} 元/月` : `${job.payMin}–${job.payMax} 元/月`
  if (job.payMin !== null) return `${job.payMin} 元/月起`
  if (job.payMax !== null) return `最高 ${job.payMax} 元/月`
  return '薪资面议'
}
