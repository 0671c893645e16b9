/**
 * The 立即报名 journey on a class page: sign in if needed (and come back), make sure the profile is
 * complete, confirm, then send the sign-up once — a retry after a lost answer reuses the same
 * Idempotency-Key, so it can never sign the person up twice.
 */
import { useCallback, useRef, useState } from 'react'
import type { Enrollment } from '@jz/shared'
import { enrollInClass, errorMessage, getProfile, isApiError } from './api'
import { missingProfileItems, newIdempotencyKey } from './enrollment'
import { openLogin, openProfile } from './navigation'
import { currentStationCode } from './referral'
import { getSessionState, refreshSession } from './session'

export type EnrollStep =
  | { step: 'idle' }
  | { step: 'checking' }
  | { step: 'profile'; missing: string[] }
  | { step: 'confirm' }
  | { step: 'submitting' }
  | { step: 'done'; enrollment: Enrollment }
  | { step: 'refused'; code: string; message: string }
  /** No answer (network): the sign-up may or may not have happened; retrying is safe. */
  | { step: 'unsure'; message: string }

export function useEnrollFlow(classId: string | undefined, onEnrolled: (e: Enrollment) => void) {
  const [state, setState] = useState<EnrollStep>({ step: 'idle' })
  const key = useRef<string | null>(null)
  /** Set while the person is away signing in or filling in the profile: resume when the page shows again. */
  const resume = useRef(false)

  const start = useCallback(async () => {
    if (!classId) return
    await refreshSession()
    if (getSessionState().status !== 'signedIn') {
      resume.current = true
      setState({ step: 'idle' })
      openLogin()
      return
    }
    setState({ step: 'checking' })
    try {
      const { profile } = await getProfile({ silent: true })
      const missing = missingProfileItems(profile)
      if (missing.length) {
        setState({ step: 'profile', missing })
        return
      }
    } catch (e) {
      setState({ step: 'refused', code: isApiError(e) ? e.code : 'unknown', message: errorMessage(e) })
      return
    }
    key.current = newIdempotencyKey()
    setState({ step: 'confirm' })
  }, [classId])

  const submit = useCallback(async () => {
    if (!classId) return
    key.current ??= newIdempotencyKey()
    setState({ step: 'submitting' })
    try {
      const { enrollment } = await enrollInClass({ classId, stationCode: currentStationCode() }, key.current, { silent: true, loginOn401: false })
      key.current = null
      setState({ step: 'done', enrollment })
      onEnrolled(enrollment)
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        key.current = null
        resume.current = true
        setState({ step: 'idle' })
        openLogin()
      } else if (isApiError(e) && (e.status === 0 || e.status >= 500)) {
        // Keep the key: the retry asks about the same sign-up.
        setState({ step: 'unsure', message: e.status === 0 ? '网络不太好，不知道报名是否成功。' : '服务器没有回应，不知道报名是否成功。' })
      } else {
        key.current = null
        setState({ step: 'refused', code: isApiError(e) ? e.code : 'unknown', message: errorMessage(e) })
      }
    }
  }, [classId, onEnrolled])

  const goToProfile = useCallback(() => {
    resume.current = true
    setState({ step: 'idle' })
    openProfile()
  }, [])

  const close = useCallback(() => {
    key.current = null
    setState({ step: 'idle' })
  }, [])

  /** Call from the page's useDidShow: picks the journey up after sign-in or the profile page. */
  const onShow = useCallback(() => {
    if (!resume.current) return
    resume.current = false
    if (getSessionState().status === 'signedIn') void start()
  }, [start])

  return { state, start, submit, goToProfile, close, onShow }
}
