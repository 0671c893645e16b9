/** A bottom sheet: a title bar with 关闭, a scrolling body and an optional footer of big buttons. */
import { useEffect, type ReactNode } from 'react'
import { ScrollView, Text, View } from '@tarojs/components'
import { coverTabBar } from '../services/platform-device'
import './Sheet.css'

interface SheetProps {
  id?: string
  title: string
  open: boolean
  onClose: () => void
  children: ReactNode
  footer?: ReactNode
}

export function Sheet(props: SheetProps) {
  return props.open ? <OpenSheet {...props} /> : null
}

function OpenSheet({ id, title, onClose, children, footer }: SheetProps) {
  useEffect(coverTabBar, [])
  return (
    <View className="sheet" id={id}>
      <View className="sheet__mask" catchMove onClick={onClose} />
      <View className="sheet__panel">
        <View className="sheet__header">
          <Text className="sheet__title">{title}</Text>
          <View className="sheet__close" onClick={onClose}>
            <Text>关闭</Text>
          </View>
        </View>
        <ScrollView scrollY className="sheet__body">
          <View className="sheet__content">{children}</View>
        </ScrollView>
        {footer ? <View className="sheet__footer">{footer}</View> : null}
      </View>
    </View>
  )
}
