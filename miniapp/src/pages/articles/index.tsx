import { useState } from 'react'
import { View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { ARTICLE_KINDS, type ArticleKind } from '@jz/shared'
import { ArticleRow } from '../../components/ArticleRow'
import { PagedList } from '../../components/PagedList'
import { Segments } from '../../components/Segments'
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
      <PagedList
        list={list}
        id="articles-list"
        className="card"
        empty={{ title: '暂时没有这类资讯', text: '过几天再来看看。' }}
        renderItem={(a) => <ArticleRow key={a.id} article={a} onOpen={() => openPage('article', { id: a.id })} />}
      />
    </View>
  )
}
