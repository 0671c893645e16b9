/** The three states every data view can be in besides "here is the data". */
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import './states.css'

export function LoadingState({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className="state state--loading">
      <View className="state__spinner" />
      <Text className="state__text">{text}</Text>
    </View>
  )
}

export function EmptyState({ title, text, children }: { title: string; text?: string; children?: ReactNode }) {
  return (
    <View className="state state--empty">
      <View className="state__icon state__icon--empty" />
      <Text className="state__title">{title}</Text>
      {text ? <Text className="state__text">{text}</Text> : null}
      {children}
    </View>
  )
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className="state state--error">
      <View className="state__icon state__icon--error">
        <Text className="state__icon-mark">!</Text>
      </View>
      <Text className="state__title">没有加载成功</Text>
      <Text className="state__text">{message}</Text>
      {onRetry ? (
        <Button className="state__retry" type="primary" fill="outline" size="large" onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  )
}

/** A page that needs a signed-in person, shown while nobody is signed in. */
export function SignInRequired({ text, id, onLogin }: { text: string; id?: string; onLogin: () => void }) {
  return (
    <View className="page">
      <View className="card">
        <EmptyState title="请先登录" text={text}>
          <Button className="btn-block" id={id} type="primary" size="xlarge" block onClick={onLogin}>
            登录
          </Button>
        </EmptyState>
      </View>
    </View>
  )
}

/** A staff page opened by someone without the role it needs: what it is for and whom to ask. */
export function NoAccess({ title, text }: { title: string; text: string }) {
  return (
    <View className="page">
      <View className="card">
        <EmptyState title={title} text={text} />
      </View>
    </View>
  )
}
