/** The end of a cursor-paged list: loading more, a retry, or 已经到底了. */
import { Text, View } from '@tarojs/components'
import './ListFooter.css'

interface ListFooterProps {
  loadingMore: boolean
  error: string
  hasMore: boolean
  onMore: () => void
}

export function ListFooter({ loadingMore, error, hasMore, onMore }: ListFooterProps) {
  return (
    <View className="list-footer">
      {loadingMore ? (
        <Text className="list-footer__text">正在加载更多…</Text>
      ) : error ? (
        <View onClick={onMore}>
          <Text className="list-footer__action">{error}，点这里重试</Text>
        </View>
      ) : hasMore ? (
        <View onClick={onMore} className="list-footer__more">
          <Text className="list-footer__action">加载更多</Text>
        </View>
      ) : (
        <Text className="list-footer__text">已经到底了</Text>
      )}
    </View>
  )
}
