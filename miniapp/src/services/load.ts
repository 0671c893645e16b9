/**
 * Data a view reads for a key (an id, a query): loading → ready | error, answers for an older key
 * dropped. `reload()` fetches again while still showing the data it has.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from './api'

export type Loaded<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: T }

export function useLoad<T>(key: string | null, fetcher: () => Promise<T>): Loaded<T> & { reload: () => void } {
  const [tick, setTick] = useState(0)
  const [result, setResult] = useState<{ key: string; tick: number; value: Loaded<T> } | null>(null)
  const fetchRef = useRef(fetcher)
  useEffect(() => {
    fetchRef.current = fetcher
  })

  useEffect(() => {
    if (key === null) return
    let live = true
    fetchRef
      .current()
      .then((data) => live && setResult({ key, tick, value: { status: 'ready', data } }))
      .catch((e: unknown) => live && setResult({ key, tick, value: { status: 'error', message: errorMessage(e) } }))
    return () => {
      live = false
    }
  }, [key, tick])

  const reload = useCallback(() => setTick((t) => t + 1), [])
  let value: Loaded<T> = { status: 'loading' }
  if (result && result.key === key && (result.tick === tick || result.value.status === 'ready')) value = result.value
  return { ...value, reload }
}
