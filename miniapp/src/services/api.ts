/**
 * The one API client. Every call to our backend goes through `request`, so the token, the error
 * shape `{ error: { code, message, fields? } }`, the 401 → login redirect and the error toast are
 * handled in one place.
 */
import Taro from '@tarojs/taro'
import type {
  ApiErrorBody,
  Audience,
  CancelResult,
  CatalogFacets,
  CatalogLevel,
  CatalogSort,
  CertificateImportReport,
  CertificateLookupResult,
  CertificateQrCode,
  CertificateVerification,
  CheckInResult,
  CheckInToken,
  ClassDetail,
  CompletionResult,
  DemandDeclaration,
  DemandDeclarationInput,
  DemandItem,
  EnrollResult,
  EvaluationCandidates,
  EvaluationOutcome,
  EvaluationRegistration,
  EvaluationSessionItem,
  EvaluatorSessions,
  EvaluationSignupResult,
  Enrollment,
  InstitutionKind,
  InstitutionListItem,
  LoginResult,
  OwnCertificate,
  Page,
  Profile,
  ProfileInput,
  RecordResultsResult,
  ProjectDetail,
  ProjectListItem,
  OwnSubsidyApplication,
  Roster,
  SalaryItem,
  SceneTarget,
  SessionUser,
  StaffCertificate,
  Station,
  StationQrCode,
  StationStats,
  SubsidyApplication,
  SubsidyCheck,
  SubsidyReviewDetail,
  SubsidyReviewPage,
  SubsidyStats,
  SubsidyStatus,
  TrainingMode,
} from '@jz/shared'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface RequestOptions {
  body?: unknown
  query?: Record<string, string | number | boolean | null | undefined>
  /** Send the session token (default true). */
  auth?: boolean
  /** The caller shows the error itself: no toast (default false). */
  silent?: boolean
  /** Open the login page when the server answers 401 (default: same as `auth`). */
  loginOn401?: boolean
  /** Extra request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>
  /** Send `body` (a string) as it is with this media type, e.g. `text/csv`, instead of as JSON. */
  contentType?: string
}

/** Weapp calls our HTTPS, ICP-filed domain (set at build time); H5 is served from the API's own origin. */
export const API_BASE: string = process.env.TARO_ENV === 'h5' ? '' : TARO_APP_API_BASE

const TOKEN_KEY = 'jz_token'
const LOGIN_PAGE = '/pages/login/index'
const NETWORK_MESSAGE = '网络不太好，请检查网络后重试'
const SERVER_MESSAGE = '服务暂时不可用，请稍后再试'

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fields?: Record<string, string>

  constructor(status: number, code: string, message: string, fields?: Record<string, string>) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fields = fields
    // Transpiled subclasses of Error lose their prototype on older engines.
    Object.setPrototypeOf(this, ApiError.prototype)
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError || (e instanceof Error && e.name === 'ApiError')
}

/** The server's messages for the given form fields, from a 400 that named them; empty for anything else. */
export function fieldErrorsOf<F extends string>(e: unknown, fields: readonly F[]): Partial<Record<F, string>> {
  const known: Partial<Record<F, string>> = {}
  if (isApiError(e) && e.fields) for (const f of fields) if (e.fields[f]) known[f] = e.fields[f]
  return known
}

/** A message fit to show a person, whatever was thrown. */
export function errorMessage(e: unknown): string {
  return isApiError(e) ? e.message : SERVER_MESSAGE
}

export function getToken(): string {
  try {
    return (Taro.getStorageSync(TOKEN_KEY) as string) || ''
  } catch {
    return ''
  }
}

export function setToken(token: string): void {
  Taro.setStorageSync(TOKEN_KEY, token)
}

export function clearToken(): void {
  Taro.removeStorageSync(TOKEN_KEY)
}

function toQueryString(query: RequestOptions['query']): string {
  if (!query) return ''
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

function isErrorBody(data: unknown): data is ApiErrorBody {
  const err = (data as ApiErrorBody | null)?.error
  return typeof err === 'object' && err !== null && typeof err.code === 'string' && typeof err.message === 'string'
}

let openingLogin = false

/** Opens the login page once, however many requests answer 401 at the same moment. */
function openLoginPage(): void {
  if (openingLogin) return
  const pages = Taro.getCurrentPages()
  const current = pages[pages.length - 1]?.route ?? ''
  if (current.includes('pages/login/index')) return
  openingLogin = true
  Taro.navigateTo({
    url: LOGIN_PAGE,
    complete: () => {
      // The login page is on top now; a later 401 (after it closes) may open it again.
      setTimeout(() => {
        openingLogin = false
      }, 800)
    },
  })
}

function showErrorToast(message: string): void {
  void Taro.showToast({ title: message, icon: 'none', duration: 2500 })
}

export async function request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  const { body, query, auth = true, silent = false, loginOn401 = auth, headers, contentType } = options
  const header: Record<string, string> = { Accept: 'application/json', ...headers }
  if (body !== undefined) header['Content-Type'] = contentType ?? 'application/json'
  const token = auth ? getToken() : ''
  if (token) header.Authorization = `Bearer ${token}`

  let res: Taro.request.SuccessCallbackResult<ApiErrorBody | string | object>
  try {
    res = await Taro.request({
      url: `${API_BASE}${path}${toQueryString(query)}`,
      method,
      header,
      data: body === undefined ? undefined : contentType ? String(body) : JSON.stringify(body),
      dataType: 'json',
      timeout: 15000,
    })
  } catch {
    const error = new ApiError(0, 'network', NETWORK_MESSAGE)
    if (!silent) showErrorToast(error.message)
    throw error
  }

  const { statusCode, data } = res
  if (statusCode >= 200 && statusCode < 300) return data as T

  const error = isErrorBody(data)
    ? new ApiError(statusCode, data.error.code, data.error.message, data.error.fields)
    : new ApiError(statusCode, `http_${statusCode}`, statusCode === 401 ? '请先登录' : SERVER_MESSAGE)

  if (statusCode === 401) {
    if (token) clearToken()
    if (loginOn401) {
      openLoginPage()
      return Promise.reject(error)
    }
  }
  if (!silent) showErrorToast(error.message)
  throw error
}

// ---- typed calls ---------------------------------------------------------------------------

export interface AuthOptions {
  wechatLogin: boolean
  devLogin: boolean
}

type CallOptions = Pick<RequestOptions, 'silent' | 'loginOn401'>

/** Which ways to sign in this server offers (dev login exists only in development). */
export function getAuthOptions(options: CallOptions = {}): Promise<AuthOptions> {
  return request<AuthOptions>('GET', '/api/auth/options', { auth: false, ...options })
}

/** Exchanges a `wx.login` code for our session token (kept in storage). */
export async function loginWithWeChat(code: string, options: CallOptions = {}): Promise<LoginResult> {
  const result = await request<LoginResult>('POST', '/api/auth/login', { body: { code }, auth: false, ...options })
  setToken(result.token)
  return result
}

/** Development-only sign-in by name; production servers refuse it. */
export async function devLogin(name: string, options: CallOptions = {}): Promise<LoginResult> {
  const result = await request<LoginResult>('POST', '/api/auth/dev-login', { body: { name }, auth: false, ...options })
  setToken(result.token)
  return result
}

export function getMe(options: CallOptions = {}): Promise<{ user: SessionUser }> {
  return request<{ user: SessionUser }>('GET', '/api/me', options)
}

export function getProfile(options: CallOptions = {}): Promise<{ profile: Profile | null }> {
  return request<{ profile: Profile | null }>('GET', '/api/me/profile', options)
}

/** Saves 我的资料; the answer carries only masked ID number and phone. */
export function saveProfile(input: ProfileInput, options: CallOptions = {}): Promise<{ profile: Profile }> {
  const body = {
    realName: input.realName,
    idType: input.idType,
    idNumber: input.idNumber,
    mobile: input.mobile,
    category: input.category,
    district: input.district,
    householdType: input.householdType,
  }
  return request<{ profile: Profile }>('PUT', '/api/me/profile', { body, ...options })
}

/** Signs out on this device (the token is simply forgotten). */
export function logout(): void {
  clearToken()
}

// ---- catalog (public, cached briefly by the server's Cache-Control) ----------------------------

/** What people can filter the catalog by (GET /api/catalog/projects and /facets). */
export interface ProjectFilters {
  q?: string
  field?: string
  district?: string
  occupation?: string
  mode?: TrainingMode
  level?: CatalogLevel
  audience?: Audience
  /** Only projects with a class open for enrollment now. */
  open?: boolean
}

function filterQuery(f: ProjectFilters): RequestOptions['query'] {
  return {
    q: f.q?.trim() || undefined,
    field: f.field,
    district: f.district,
    occupation: f.occupation,
    mode: f.mode,
    level: f.level,
    audience: f.audience,
    open: f.open ? 1 : undefined,
  }
}

export interface PageRequest {
  cursor?: string | null
  limit?: number
}

export function listProjects(
  filters: ProjectFilters,
  page: PageRequest & { sort?: CatalogSort } = {},
  options: CallOptions = {},
): Promise<Page<ProjectListItem>> {
  return request<Page<ProjectListItem>>('GET', '/api/catalog/projects', {
    auth: false,
    query: { ...filterQuery(filters), sort: page.sort, cursor: page.cursor ?? undefined, limit: page.limit },
    ...options,
  })
}

/** Counts per filter value, each counted with the other filters applied. */
export function getCatalogFacets(filters: ProjectFilters, options: CallOptions = {}): Promise<CatalogFacets> {
  return request<CatalogFacets>('GET', '/api/catalog/facets', { auth: false, query: filterQuery(filters), ...options })
}

export function getProject(id: string, options: CallOptions = {}): Promise<{ project: ProjectDetail }> {
  return request<{ project: ProjectDetail }>('GET', `/api/catalog/projects/${encodeURIComponent(id)}`, { auth: false, ...options })
}

export function getClass(id: string, options: CallOptions = {}): Promise<{ class: ClassDetail }> {
  return request<{ class: ClassDetail }>('GET', `/api/catalog/classes/${encodeURIComponent(id)}`, { auth: false, ...options })
}

export function listInstitutions(
  filters: { kind?: InstitutionKind; district?: string; q?: string },
  page: PageRequest = {},
  options: CallOptions = {},
): Promise<Page<InstitutionListItem>> {
  return request<Page<InstitutionListItem>>('GET', '/api/catalog/institutions', {
    auth: false,
    query: { ...filters, q: filters.q?.trim() || undefined, cursor: page.cursor ?? undefined, limit: page.limit },
    ...options,
  })
}

export function listDemands(
  filters: { q?: string; district?: string; field?: string },
  page: PageRequest = {},
  options: CallOptions = {},
): Promise<Page<DemandItem>> {
  return request<Page<DemandItem>>('GET', '/api/catalog/demands', {
    auth: false,
    query: { ...filters, q: filters.q?.trim() || undefined, cursor: page.cursor ?? undefined, limit: page.limit },
    ...options,
  })
}

/** 需求申报: an enterprise declares a skill need; with `submit: true` it goes straight to the district for review. */
export function declareDemand(input: DemandDeclarationInput, options: CallOptions = {}): Promise<{ demand: DemandDeclaration }> {
  return request<{ demand: DemandDeclaration }>('POST', '/api/demands', { body: input, ...options })
}

/** 我的申报: the caller's own declarations, newest first. */
export function listMyDemands(options: CallOptions = {}): Promise<{ items: DemandDeclaration[] }> {
  return request<{ items: DemandDeclaration[] }>('GET', '/api/me/demands', options)
}

/** 薪酬指引: P10–P90 pay per occupation and level (latest year). */
export function getSalary(
  filters: { occupation?: string; field?: string; level?: CatalogLevel } = {},
  options: CallOptions = {},
): Promise<{ items: SalaryItem[]; total: number }> {
  return request<{ items: SalaryItem[]; total: number }>('GET', '/api/catalog/salary', { auth: false, query: { ...filters }, ...options })
}

// ---- enrollment -----------------------------------------------------------------------------

/**
 * 报名. The Idempotency-Key names one intent to sign up: a retry after a lost answer sends the same
 * key and gets the first answer back, never a second sign-up.
 */
export function enrollInClass(
  input: { classId: string; stationCode?: string },
  idempotencyKey: string,
  options: CallOptions = {},
): Promise<EnrollResult> {
  return request<EnrollResult>('POST', '/api/enrollments', {
    body: input.stationCode ? { classId: input.classId, stationCode: input.stationCode } : { classId: input.classId },
    headers: { 'Idempotency-Key': idempotencyKey },
    ...options,
  })
}

/** 我的报名, newest first. */
export function listMyEnrollments(scope: 'active' | 'all' = 'all', options: CallOptions = {}): Promise<{ items: Enrollment[] }> {
  return request<{ items: Enrollment[] }>('GET', '/api/me/enrollments', { query: { status: scope }, ...options })
}

export function cancelEnrollment(id: string, options: CallOptions = {}): Promise<CancelResult> {
  return request<CancelResult>('DELETE', `/api/enrollments/${encodeURIComponent(id)}`, options)
}

/** The check-in QR code (valid 10 minutes) of an enrollment that holds a seat. */
export function getCheckInToken(enrollmentId: string, options: CallOptions = {}): Promise<CheckInToken> {
  return request<CheckInToken>('GET', `/api/enrollments/${encodeURIComponent(enrollmentId)}/checkin-token`, options)
}

// ---- station referral (public) --------------------------------------------------------------

/** Counts one opening of a class or project through a station's code. */
export function recordStationVisit(input: { stationCode: string; classId?: string; projectId?: string }): Promise<{ recorded: boolean }> {
  return request<{ recorded: boolean }>('POST', '/api/stations/visits', { body: input, auth: false, silent: true })
}

/** Turns a mini-program code's `scene` into the station code and the class or project it opens. */
export function resolveStationScene(scene: string, options: CallOptions = {}): Promise<SceneTarget> {
  return request<SceneTarget>('GET', '/api/stations/scene', { query: { scene }, auth: false, ...options })
}

// ---- staff (工作台) --------------------------------------------------------------------------

export function getMyStation(options: CallOptions = {}): Promise<{ station: Station }> {
  return request<{ station: Station }>('GET', '/api/stations/me', options)
}

/** The station's QR code for a class (H5 link PNG, and the mini-program code when WeChat answers). */
export function getStationQrCode(target: { classId?: string; projectId?: string }, options: CallOptions = {}): Promise<StationQrCode> {
  return request<StationQrCode>('GET', '/api/stations/me/qrcode', { query: { ...target, format: 'json' }, ...options })
}

export function getStationStats(weeks = 12, options: CallOptions = {}): Promise<StationStats> {
  return request<StationStats>('GET', '/api/stations/me/stats', { query: { weeks }, ...options })
}

/** Institution staff record attendance from a person's check-in code. */
export function checkIn(input: { token: string; sessionDate: string; classId?: string }, options: CallOptions = {}): Promise<CheckInResult> {
  return request<CheckInResult>('POST', '/api/checkins', { body: input, ...options })
}

export function getRoster(classId: string, options: CallOptions = {}): Promise<Roster> {
  return request<Roster>('GET', `/api/classes/${encodeURIComponent(classId)}/roster`, options)
}

/** 结业: completes everyone at or above the class's attendance threshold. */
export function completeClass(classId: string, options: CallOptions = {}): Promise<CompletionResult> {
  return request<CompletionResult>('POST', `/api/classes/${encodeURIComponent(classId)}/complete`, { body: {}, ...options })
}

// ---- certificates ---------------------------------------------------------------------------

/** The lookup as people fill it in: by certificate number, or by ID document; always with the holder's name. */
export type CertificateLookupQuery =
  | { certificateNo: string; name: string }
  | { idType: string; idNumber: string; name: string }

/** 证书查询 (public, rate-limited: 429 with a Chinese message when asked too often). */
export function lookupCertificates(query: CertificateLookupQuery, options: CallOptions = {}): Promise<CertificateLookupResult> {
  return request<CertificateLookupResult>('POST', '/api/certificates/lookup', { body: query, loginOn401: false, ...options })
}

/** 我的证书: full details and the verification link of each. */
export function listMyCertificates(options: CallOptions = {}): Promise<{ items: OwnCertificate[] }> {
  return request<{ items: OwnCertificate[] }>('GET', '/api/me/certificates', options)
}

/** One certificate: the holder's own (unmasked) or, for the issuing institution's staff, masked. */
export function getCertificate(id: string, options: CallOptions = {}): Promise<{ certificate: OwnCertificate | StaffCertificate }> {
  return request<{ certificate: OwnCertificate | StaffCertificate }>('GET', `/api/certificates/${encodeURIComponent(id)}`, options)
}

/** The QR code printed on a certificate: it opens the public verification page. */
export function getCertificateQrCode(id: string, options: CallOptions = {}): Promise<CertificateQrCode> {
  return request<CertificateQrCode>('GET', `/api/certificates/${encodeURIComponent(id)}/qrcode`, options)
}

/** 证书验证 by the token a certificate's QR code carries (public). */
export function verifyCertificate(token: string, options: CallOptions = {}): Promise<CertificateVerification> {
  return request<CertificateVerification>('GET', `/api/verify/${encodeURIComponent(token)}`, { auth: false, ...options })
}

// ---- subsidies ------------------------------------------------------------------------------

/** 补贴预检: every rule for one of my certificates with its sentence, and the amount. Changes nothing. */
export function checkSubsidy(input: { certificateId: string; drawsPension?: boolean }, options: CallOptions = {}): Promise<SubsidyCheck> {
  return request<SubsidyCheck>('POST', '/api/subsidies/check', { body: input, ...options })
}

/** 申请补贴. Like sign-up, a retry after a lost answer sends the same Idempotency-Key and never applies twice. */
export function applyForSubsidy(
  input: { certificateId: string; bankAccount: string },
  idempotencyKey: string,
  options: CallOptions = {},
): Promise<{ application: SubsidyApplication }> {
  return request<{ application: SubsidyApplication }>('POST', '/api/subsidies', {
    body: { certificateId: input.certificateId, bankAccount: input.bankAccount, consent: true, drawsPension: false },
    headers: { 'Idempotency-Key': idempotencyKey },
    ...options,
  })
}

/** 我的补贴, each with its progress (提交 → 区级初审 → 审核通过 → 公示 → 发放). */
export function listMySubsidies(options: CallOptions = {}): Promise<{ items: OwnSubsidyApplication[] }> {
  return request<{ items: OwnSubsidyApplication[] }>('GET', '/api/me/subsidies', options)
}

// ---- subsidy review (区人社审核人员) ------------------------------------------------------------

/** 审核列表 in the reviewer's district (or all), newest first, with totals over every match. */
export function listSubsidiesForReview(
  filters: { status?: SubsidyStatus },
  page: PageRequest = {},
  options: CallOptions = {},
): Promise<SubsidyReviewPage> {
  return request<SubsidyReviewPage>('GET', '/api/review/subsidies', {
    query: { status: filters.status, cursor: page.cursor ?? undefined, limit: page.limit },
    ...options,
  })
}

/** 申请详情: the application with its 办理记录 and every rule re-checked as of its submission day. */
export function getSubsidyForReview(id: string, options: CallOptions = {}): Promise<SubsidyReviewDetail> {
  return request<SubsidyReviewDetail>('GET', `/api/review/subsidies/${encodeURIComponent(id)}`, options)
}

/** 初审 / 通过 / 驳回 (a reason is required to reject). */
export function decideSubsidy(
  id: string,
  input: { decision: 'review' | 'approve' | 'reject'; reason?: string },
  options: CallOptions = {},
): Promise<{ application: SubsidyApplication }> {
  return request<{ application: SubsidyApplication }>('POST', `/api/review/subsidies/${encodeURIComponent(id)}/decision`, { body: input, ...options })
}

/** 批量通过 applications under review. */
export function approveSubsidies(ids: string[], options: CallOptions = {}): Promise<unknown> {
  return request<unknown>('POST', '/api/review/subsidies/batch', { body: { action: 'approve', ids }, ...options })
}

export function getSubsidyStats(options: CallOptions = {}): Promise<SubsidyStats> {
  return request<SubsidyStats>('GET', '/api/review/stats', options)
}

// ---- skill evaluation (评价报名) ----------------------------------------------------------------

/** Upcoming evaluation sittings open to sign-up, soonest first (public). */
export function listEvaluationSessions(page: PageRequest = {}, options: CallOptions = {}): Promise<Page<EvaluationSessionItem>> {
  return request<Page<EvaluationSessionItem>>('GET', '/api/catalog/evaluation-sessions', {
    auth: false,
    query: { open: 1, cursor: page.cursor ?? undefined, limit: page.limit },
    ...options,
  })
}

/** 评价报名; a retry after a lost answer sends the same Idempotency-Key and gets the first answer. */
export function signUpForEvaluation(sessionId: string, idempotencyKey: string, options: CallOptions = {}): Promise<EvaluationSignupResult> {
  return request<EvaluationSignupResult>('POST', '/api/evaluations', {
    body: { sessionId },
    headers: { 'Idempotency-Key': idempotencyKey },
    ...options,
  })
}

/** 我的评价: sign-ups with their results and certificates, newest first. */
export function listMyEvaluations(options: CallOptions = {}): Promise<{ items: EvaluationRegistration[] }> {
  return request<{ items: EvaluationRegistration[] }>('GET', '/api/me/evaluations', options)
}

// ---- 消息订阅 -----------------------------------------------------------------------------------------

export interface SubscriptionItem {
  key: string
  templateId: string | null
  description: string
  remaining: number
  grantedAt: string | null
}

/** Every notification with its WeChat template id (null: not configured) and the caller's remaining sends. */
export function getSubscriptions(options: CallOptions = {}): Promise<{ items: SubscriptionItem[] }> {
  return request<{ items: SubscriptionItem[] }>('GET', '/api/me/notifications/subscriptions', options)
}

/** Records what wx.requestSubscribeMessage answered: the keys asked and those accepted. */
export function recordSubscriptionConsent(
  consent: { templates: string[]; accepted: string[] },
  options: CallOptions = {},
): Promise<{ items: SubscriptionItem[] }> {
  return request<{ items: SubscriptionItem[] }>('POST', '/api/me/notifications/subscriptions', { body: consent, ...options })
}

// ---- evaluation institution staff (评价机构工作台) ----------------------------------------------------

/** The evaluator's own sittings, recent and upcoming (started ones included: results are entered after the start; drafts too). */
export function listInstitutionEvaluationSessions(options: CallOptions = {}): Promise<EvaluatorSessions> {
  return request<EvaluatorSessions>('GET', '/api/evaluation-sessions', options)
}

/** A sitting's candidates (masked) with their results, and whether results may be recorded now. */
export function getEvaluationCandidates(sessionId: string, options: CallOptions = {}): Promise<EvaluationCandidates> {
  return request<EvaluationCandidates>('GET', `/api/evaluation-sessions/${encodeURIComponent(sessionId)}/results`, options)
}

/** 录入成绩: pass, fail or absent per candidate; a pass issues the certificate in the same step. */
export function recordEvaluationResults(
  sessionId: string,
  results: Array<{ registrationId: string; outcome: EvaluationOutcome; score?: number }>,
  options: CallOptions = {},
): Promise<RecordResultsResult> {
  return request<RecordResultsResult>('POST', `/api/evaluation-sessions/${encodeURIComponent(sessionId)}/results`, {
    body: { results },
    ...options,
  })
}

/** 导入证书 from CSV text (header row + data rows). All or nothing, unless `partial` writes the valid rows. */
export function importCertificates(csv: string, input: { partial?: boolean } = {}, options: CallOptions = {}): Promise<CertificateImportReport> {
  return request<CertificateImportReport>('POST', '/api/certificates/import', {
    body: csv,
    contentType: 'text/csv; charset=utf-8',
    query: { partial: input.partial ? 1 : undefined },
    ...options,
  })
}
