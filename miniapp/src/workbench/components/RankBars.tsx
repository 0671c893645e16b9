/** A ranked list as horizontal bars (top occupations, districts): label, bar to scale, value. Drawn with Views. */
import { Text, View } from '@tarojs/components'
import './RankBars.css'

export interface RankRow {
  key: string
  label: string
  value: number
  /** A second line under the label, e.g. 结业 12 · 取证 5. */
  note?: string
}

export function RankBars({ id, rows, color = '#1a5fd0', unit = '人' }: { id?: string; rows: RankRow[]; color?: string; unit?: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value))
  return (
    <View className="rank-bars" id={id}>
      {rows.map((r) => (
        <View key={r.key} className="rank-bars__row" id={id ? `${id}-${r.key}` : undefined}>
          <View className="rank-bars__head">
            <Text className="rank-bars__label">{r.label}</Text>
            <Text className="rank-bars__value">
              {r.value}
              {unit}
            </Text>
          </View>
          <View className="rank-bars__track">
            <View className="rank-bars__bar" style={{ width: `${(r.value / max) * 100}%`, background: color }} />
          </View>
          {r.note ? <Text className="rank-bars__note">{r.note}</Text> : null}
        </View>
      ))}
    </View>
  )
}
