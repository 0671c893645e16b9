/**
 * A choice from a short list, shown as a bottom sheet of large rows (or a grid for many short
 * labels). Easier to hit than a scroll wheel, and it looks the same in WeChat and in the browser.
 */
import { ScrollView, Text, View } from '@tarojs/components'
import type { Option } from '../services/profileForm'
import './OptionSheet.css'

interface OptionSheetProps {
  /** Used for ids: `option-sheet-<name>`, `option-<name>-<value>`. */
  name: string
  title: string
  options: Option[]
  value: string
  open: boolean
  columns?: 1 | 3
  onSelect: (value: string) => void
  onClose: () => void
}

export function OptionSheet({ name, title, options, value, open, columns = 1, onSelect, onClose }: OptionSheetProps) {
  if (!open) return null
  return (
    <View className="option-sheet" id={`option-sheet-${name}`}>
      <View className="option-sheet__mask" onClick={onClose} />
      <View className="option-sheet__panel">
        <View className="option-sheet__header">
          <Text className="option-sheet__title">{title}</Text>
          <View className="option-sheet__close" onClick={onClose}>
            <Text>关闭</Text>
          </View>
        </View>
        <ScrollView scrollY className="option-sheet__body">
          <View className={`option-sheet__list option-sheet__list--cols-${columns}`}>
            {options.map((o) => (
              <View
                key={o.value}
                id={`option-${name}-${o.value}`}
                className={`option-sheet__option${o.value === value ? ' option-sheet__option--active' : ''}`}
                onClick={() => onSelect(o.value)}
              >
                <Text className="option-sheet__label">{o.label}</Text>
              </View>
            ))}
          </View>
        </ScrollView>
      </View>
    </View>
  )
}
