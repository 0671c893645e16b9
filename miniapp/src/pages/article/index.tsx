import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { ARTICLE_KINDS, ARTICLE_STATUSES, articleParagraphs, type Article } from '@jz/shared'
import { Tag } from '../../components/Tag'
import { ErrorState, LoadingState } from '../../components/states'
import { getArticle } from '../../services/articles'
import { formatDateTime } from '../../services/format'
import { useLoad } from '../../services/load'
import './index.css'

/** One article: plain paragraphs (the body is text, never HTML). Staff previewing a draft see its status. */
export default function ArticlePage() {
  const id = useRouter().params.id ?? ''
  const loaded = useLoad<{ article: Article }>(id || null, () => getArticle(id, { silent: true }))

  if (!id) return <ErrorState message="链接不完整，找不到这篇文章" />
  if (loaded.status === 'loading') return <LoadingState />
  if (loaded.status === 'error') return <ErrorState message={loaded.message} onRetry={loaded.reload} />
  const a = loaded.data.article
  return (
    <View className="page" id="article-page">
      <View className="card article">
        <View className="article__tags">
          <Tag tone="blue">{ARTICLE_KINDS[a.kind]}</Tag>
          {a.status !== 'published' ? <Tag tone="grey" id="article-status">{ARTICLE_STATUSES[a.status]}</Tag> : null}
        </View>
        <Text className="article__title" id="article-title">
          {a.title}
        </Text>
        <Text className="article__meta">
          {a.districtName ?? '北京市'}
          {a.publishedAt ? ` · ${formatDateTime(a.publishedAt).split(' ')[0]}` : ''}
        </Text>
        <Text className="article__summary">{a.summary}</Text>
        <View id="article-body">
          {articleParagraphs(a.body).map((p, i) => (
            <Text key={i} className="article__paragraph">
              {p}
            </Text>
          ))}
        </View>
      </View>
    </View>
  )
}
