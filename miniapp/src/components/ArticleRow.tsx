/** One 政策资讯 article in a list: kind, pinned mark, title, summary, date. Tapping opens it. */
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { ARTICLE_KINDS, type ArticleItem } from '@jz/shared'
import { formatDateTime } from '../services/format'
import { Tag } from './Tag'
import './ArticleRow.css'

export function ArticleRow({ article: a, onOpen, children }: { article: ArticleItem; onOpen: () => void; children?: ReactNode }) {
  return (
    <View className="article-row" id={`article-${a.id}`} onClick={onOpen}>
      <View className="article-row__tags">
        {a.pinned ? <Tag tone="red">置顶</Tag> : null}
        <Tag tone={a.kind === 'policy' ? 'blue' : a.kind === 'project' ? 'green' : 'orange'}>{ARTICLE_KINDS[a.kind]}</Tag>
        {a.districtName ? <Text className="article-row__district">{a.districtName}</Text> : null}
      </View>
      <Text className="article-row__title">{a.title}</Text>
      <Text className="article-row__summary">{a.summary}</Text>
      {a.publishedAt ? <Text className="article-row__date">{formatDateTime(a.publishedAt).split(' ')[0]}</Text> : null}
      {children}
    </View>
  )
}
