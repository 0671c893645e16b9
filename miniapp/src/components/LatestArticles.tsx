/** 首页 block: the latest three published 政策资讯 (pinned first) and a link to all of them. */
import { Text, View } from '@tarojs/components'
import type { ArticleItem, Page } from '@jz/shared'
import { listArticles } from '../services/articles'
import { useLoad } from '../services/load'
import { openPage } from '../services/navigation'
import { ArticleRow } from './ArticleRow'
import { LoadingState } from './states'

export function LatestArticles() {
  const latest = useLoad<Page<ArticleItem>>('latest', () => listArticles({}, { limit: 3 }, { silent: true }))
  return (
    <>
      <View className="home__section-head">
        <Text className="section-title">政策资讯</Text>
        <View className="home__more" id="home-articles-all" onClick={() => openPage('articles')}>
          <Text>全部 ›</Text>
        </View>
      </View>
      <View className="card" id="home-articles">
        {latest.status === 'loading' ? (
          <LoadingState />
        ) : latest.status === 'error' ? (
          <Text className="card__text">政策资讯没有加载出来：{latest.message}</Text>
        ) : latest.data.items.length === 0 ? (
          <Text className="card__text">暂时没有新的政策资讯。</Text>
        ) : (
          latest.data.items.map((a) => <ArticleRow key={a.id} article={a} onOpen={() => openPage('article', { id: a.id })} />)
        )}
      </View>
    </>
  )
}
