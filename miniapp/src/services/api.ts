/**
 * The one API client. Every call to our backend goes through `request`, so the token, the error
 * shape `{ error: { code, message, fields? } }`, the 401 → login redirect and the error toast are
 * handled in one place.
 */
import Taro from '@tarojs/taro'
import type { ApiErrorBody, LoginResult, Profile, ProfileInput, SessionUser } from '@jz/shared'

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
  const { body, query, auth = true, silent = false, loginOn401 = auth } = options
  const header: Record<string, string> = { Accept: 'application/json' }
  if (body !== undefined) header['Content-Type'] = 'application/json'
  const token = auth ? getToken() : ''
  if (token) header.Authorization = `Bearer ${token}`

  let res: Taro.request.SuccessCallbackResult<ApiErrorBody | string | object>
  try {
    res = await Taro.request({
      url: `${API_BASE}${path}${toQueryString(query)}`,
      method,
      header,
      data: body === undefined ? undefined : JSON.stringify(body),
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
