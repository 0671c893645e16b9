/**
 * A list read one cursor page at a time (the catalog's keyset pages): first page with a spinner,
 * later pages appended as the person scrolls, answers for an older query dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Page } from '@jz/shared'
import { errorMessage } from './api'

export interface PagedState<T> {
  status: 'loading' | 'ready' | 'error'
  items: T[]
  total: number
  nextCursor: string | null
  loadingMore: boolean
  /** Message of a failed first page (status 'error') or of a failed next page. */
  error: string
}

interface Tagged<T> extends PagedState<T> {
  /** The query and reload count this state answers. */
  tag: string
}

/**
 * `key` identifies the query: when it changes the list starts again from the first page (still
 * showing the previous items, with status 'loading', until the answer comes).
 */
export function usePagedList<T>(key: string, fetchPage: (cursor: string | null) => Promise<Page<T>>) {
  const [tick, setTick] = useState(0)
  const [state, setState] = useState<Tagged<T> | null>(null)
  const fetchRef = useRef(fetchPage)
  const moreInFlight = useRef(false)
  useEffect(() => {
    fetchRef.current = fetchPage
  })
  const tag = `${tick}|${key}`

  useEffect(() => {
    let live = true
    fetchRef
      .current(null)
      .then((page) => {
        if (live) setState({ tag, status: 'ready', items: page.items, total: page.total, nextCursor: page.nextCursor, loadingMore: false, error: '' })
      })
      .catch((e: unknown) => {
        if (live) setState({ tag, status: 'error', items: [], total: 0, nextCursor: null, loadingMore: false, error: errorMessage(e) })
      })
    return () => {
      live = false
    }
  }, [tag])

  const current: PagedState<T> =
    state && state.tag === tag
      ? state
      : { status: 'loading', items: state?.status === 'ready' ? state.items : [], total: state?.total ?? 0, nextCursor: null, loadingMore: false, error: '' }

  const cursor = state && state.tag === tag && state.status === 'ready' ? state.nextCursor : null
  const loadMore = useCallback(() => {
    if (!cursor || moreInFlight.current) return
    moreInFlight.current = true
    setState((prev) => (prev && prev.tag === tag ? { ...prev, loadingMore: true, error: '' } : prev))
    fetchRef
      .current(cursor)
      .then((page) => {
        setState((prev) =>
          prev && prev.tag === tag
            ? { ...prev, items: [...prev.items, ...page.items], nextCursor: page.nextCursor, total: page.total, loadingMore: false }
            : prev,
        )
      })
      .catch((e: unknown) => {
        setState((prev) => (prev && prev.tag === tag ? { ...prev, loadingMore: false, error: errorMessage(e) } : prev))
      })
      .finally(() => {
        moreInFlight.current = false
      })
  }, [cursor, tag])

  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { ...current, reload, loadMore }
}
