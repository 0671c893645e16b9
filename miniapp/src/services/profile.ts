/** Loading the signed-in person's 我的资料 for a page. */
import { useCallback, useRef, useState } from 'react'
import type { Profile } from '@jz/shared'
import { errorMessage, getProfile } from './api'

export interface ProfileState {
  status: 'idle' | 'loading' | 'ready' | 'error'
  profile: Profile | null
  error: string
}

export function useProfile() {
  const [state, setState] = useState<ProfileState>({ status: 'idle', profile: null, error: '' })
  const loaded = useRef(false)

  /** Loads (or reloads) the profile; a reload keeps showing the previous one instead of a spinner. */
  const load = useCallback(async () => {
    if (!loaded.current) setState((s) => ({ ...s, status: 'loading', error: '' }))
    try {
      const { profile } = await getProfile({ silent: true })
      loaded.current = true
      setState({ status: 'ready', profile, error: '' })
    } catch (e) {
      setState((s) => (loaded.current ? s : { status: 'error', profile: null, error: errorMessage(e) }))
    }
  }, [])

  /** The server answered a save with the new profile. */
  const replace = useCallback((profile: Profile) => {
    loaded.current = true
    setState({ status: 'ready', profile, error: '' })
  }, [])

  const reset = useCallback(() => {
    loaded.current = false
    setState({ status: 'idle', profile: null, error: '' })
  }, [])

  return { ...state, load, replace, reset }
}
