import { useState } from 'react'
import { View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { ARTICLE_KINDS, type ArticleKind } from '@jz/shared'
import { ArticleRow } from '../../components/ArticleRow'
import { ListFooter } from '../../components/ListFooter'
import { Segments } from '../../components/Segments'
import { EmptyState, ErrorState, LoadingState } from '../../components/states'
import { listArticles } from '../../services/articles'
import { openPage } from '../../services/navigation'
import { usePagedList } from '../../services/paged'

type Kind = ArticleKind | ''
const TABS: { value: Kind; label: string }[] = [{ value: '', label: '全部' }, ...Object.entries(ARTICLE_KINDS).map(([value, label]) => ({ value: value as Kind, label }))]

/** 政策资讯: published articles by kind, pinned first then newest. */
export default function ArticlesPage() {
  const [kind, setKind] = useState<Kind>('')
  const list = usePagedList(kind, (cursor) => listArticles({ kind: kind || undefined }, { cursor, limit: 10 }, { silent: true }))
  useReachBottom(() => list.loadMore())

  return (
    <View className="page" id="articles-page">
      <Segments id="articles-kind" value={kind} options={TABS} onChange={setKind} />
      {list.status === 'loading' && list.items.length === 0 ? (
        <LoadingState />
      ) : list.status === 'error' ? (
        <ErrorState message={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <View className="card">
          <EmptyState title="暂时没有这类资讯" text="过几天再来看看。" />
        </View>
      ) : (
        <View className="card" id="articles-list">
          {list.items.map((a) => (
            <ArticleRow key={a.id} article={a} onOpen={() => openPage('article', { id: a.id })} />
          ))}
          <ListFooter loadingMore={list.loadingMore} error={list.error} hasMore={Boolean(list.nextCursor)} onMore={list.loadMore} />
        </View>
      )}
    </View>
  )
}
