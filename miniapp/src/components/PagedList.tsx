/**
 * A cursor-paged list (services/paged.ts) with its states: a spinner for the first page, the error
 * with a retry, a friendly empty card, then the items and the footer that loads more.
 */
import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import type { usePagedList } from '../services/paged'
import { ListFooter } from './ListFooter'
import { EmptyState, ErrorState, LoadingState } from './states'

interface PagedListProps<T> {
  list: ReturnType<typeof usePagedList<T>>
  /** id of the list once it has items (tests and anchors use it). */
  id: string
  /** Class of the list once it has items, e.g. `card` for rows inside one card. */
  className?: string
  loadingText?: string
  empty: { title: string; text?: string; id?: string; actions?: ReactNode }
  /** Shown above the items, e.g. the total. */
  header?: ReactNode
  renderItem: (item: T) => ReactNode
}

export function PagedList<T>({ list, id, className, loadingText, empty, header, renderItem }: PagedListProps<T>) {
  if (list.status === 'loading' && list.items.length === 0) return <LoadingState text={loadingText} />
  if (list.status === 'error') return <ErrorState message={list.error} onRetry={list.reload} />
  if (list.items.length === 0) {
    return (
      <View className="card" id={empty.id}>
        <EmptyState title={empty.title} text={empty.text}>
          {empty.actions}
        </EmptyState>
      </View>
    )
  }
  return (
    <View id={id} className={className}>
      {header}
      {list.items.map(renderItem)}
      <ListFooter loadingMore={list.loadingMore} error={list.error} hasMore={Boolean(list.nextCursor)} onMore={list.loadMore} />
    </View>
  )
}
