/**
 * Who is signed in on this device. One small store shared by every page (all pages live in one
 * React tree), read with `useSession()`.
 */
import { useSyncExternalStore } from 'react'
import type { LoginResult, SessionUser } from '@jz/shared'
import { ApiError, getMe, getToken, isApiError, logout as forgetToken } from './api'

export type SessionStatus = 'unknown' | 'loading' | 'signedOut' | 'signedIn' | 'error'

export interface SessionState {
  status: SessionStatus
  user: SessionUser | null
  error: ApiError | null
}

let state: SessionState = { status: 'unknown', user: null, error: null }
const listeners = new Set<() => void>()
let inFlight: Promise<void> | null = null

function setState(next: Partial<SessionState>): void {
  state = { ...state, ...next }
  listeners.forEach((l) => l())
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

const getSnapshot = () => state

/** The current state outside React (e.g. right after awaiting `refreshSession()`). */
export const getSessionState = (): SessionState => state

/** Asks the server who the token belongs to; without a token the person is simply signed out. */
export function refreshSession(): Promise<void> {
  if (!getToken()) {
    setState({ status: 'signedOut', user: null, error: null })
    return Promise.resolve()
  }
  if (inFlight) return inFlight
  // Keep showing a known user while re-checking, so pages don't flash a spinner on every show.
  if (!state.user) setState({ status: 'loading', error: null })
  inFlight = getMe({ silent: true, loginOn401: false })
    .then(({ user }) => setState({ status: 'signedIn', user, error: null }))
    .catch((e: unknown) => {
      if (isApiError(e) && e.status === 401) {
        setState({ status: 'signedOut', user: null, error: null })
      } else {
        const error = isApiError(e) ? e : new ApiError(0, 'unknown', '出了点问题，请稍后再试')
        setState({ status: state.user ? 'signedIn' : 'error', error })
      }
    })
    .finally(() => {
      inFlight = null
    })
  return inFlight
}

/** Called after a successful login: the token is already stored by the API client. */
export function acceptLogin(result: LoginResult): void {
  setState({ status: 'signedIn', user: result.user, error: null })
}

/** Local update after the server confirmed a change (e.g. the profile was saved). */
export function updateSessionUser(patch: Partial<SessionUser>): void {
  if (state.user) setState({ user: { ...state.user, ...patch } })
}

export function signOut(): void {
  forgetToken()
  setState({ status: 'signedOut', user: null, error: null })
}

export function useSession() {
  const current = useSyncExternalStore(subscribe, getSnapshot, getSnapshot)
  return {
    ...current,
    loggedIn: current.status === 'signedIn' && current.user !== null,
    refresh: refreshSession,
  }
}
