/** Moving between pages, in one place so page paths are written once. */
import Taro from '@tarojs/taro'
import type { ProjectFilters } from './api'
import { setPendingTrainingFilters, type FilterNames } from './catalog'

export const PAGES = {
  home: '/pages/index/index',
  training: '/pages/training/index',
  certificates: '/pages/certificates/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  profile: '/pages/profile/index',
  project: '/pages/project/index',
  class: '/pages/class/index',
  institutions: '/pages/institutions/index',
  demands: '/pages/demands/index',
  declare: '/pages/declare/index',
  salary: '/pages/salary/index',
  enrollments: '/pages/enrollments/index',
  certificate: '/pages/certificate/index',
  verify: '/pages/verify/index',
  subsidyApply: '/pages/subsidy/index',
  subsidies: '/pages/subsidies/index',
  evaluations: '/pages/evaluations/index',
  articles: '/pages/articles/index',
  article: '/pages/article/index',
  workbench: '/workbench/index',
  workbenchStation: '/workbench/station/index',
  workbenchClass: '/workbench/class/index',
  workbenchReview: '/workbench/review/index',
  workbenchEvaluation: '/workbench/evaluation/index',
  workbenchDashboard: '/workbench/dashboard/index',
  workbenchArticles: '/workbench/articles/index',
  workbenchProposals: '/workbench/proposals/index',
  workbenchProposalReview: '/workbench/proposal-review/index',
  workbenchClasses: '/workbench/classes/index',
  workbenchDemandReview: '/workbench/demand-review/index',
  workbenchWhitelist: '/workbench/whitelist/index',
  workbenchSessions: '/workbench/sessions/index',
} as const

type PageName = keyof typeof PAGES

/** Opens a page on top of the current one, with an optional query. */
export function openPage(name: Exclude<PageName, 'home' | 'training' | 'certificates' | 'me'>, query: Record<string, string> = {}): void {
  const qs = Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
  void Taro.navigateTo({ url: qs ? `${PAGES[name]}?${qs}` : PAGES[name] })
}

export const openProject = (id: string) => openPage('project', { id })
export const openClass = (id: string) => openPage('class', { id })
export const openCertificate = (id: string) => openPage('certificate', { id })

/** Shows the 培训 tab searching and filtered as given (tabs cannot take a URL query). */
export function openTrainingWith(filters: ProjectFilters, names?: FilterNames): void {
  setPendingTrainingFilters(filters, names)
  openTab('training')
}

export function openLogin(): void {
  void Taro.navigateTo({ url: PAGES.login })
}

export function openProfile(): void {
  void Taro.navigateTo({ url: PAGES.profile })
}

export function openTab(tab: 'home' | 'training' | 'certificates' | 'me'): void {
  void Taro.switchTab({ url: PAGES[tab] })
}

/** After signing in: back to the page that sent the person here, or to 我的. */
export function leaveLoginPage(): void {
  if (Taro.getCurrentPages().length > 1) {
    void Taro.navigateBack()
  } else {
    openTab('me')
  }
}
