/** One labelled fact in a detail sheet (申请人, 职业, 状态 …). */
import { Text, View } from '@tarojs/components'
import './Fact.css'

export function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View className="fact">
      <Text className="fact__label">{label}</Text>
      <Text className="fact__value">{value}</Text>
    </View>
  )
}
