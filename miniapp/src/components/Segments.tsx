/** A row of big, mutually exclusive choices (e.g. 全部 / 培训机构 / 评价机构). */
import { Text, View } from '@tarojs/components'
import './Segments.css'

interface SegmentsProps<T extends string> {
  id: string
  value: T
  options: readonly { value: T; label: string }[]
  onChange: (value: T) => void
}

export function Segments<T extends string>({ id, value, options, onChange }: SegmentsProps<T>) {
  return (
    <View className="segments" id={id}>
      {options.map((o) => (
        <View
          key={o.value}
          id={`${id}-${o.value || 'all'}`}
          className={`segments__item${o.value === value ? ' segments__item--on' : ''}`}
          onClick={() => onChange(o.value)}
        >
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}
