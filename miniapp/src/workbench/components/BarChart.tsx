/** Grouped vertical bars (e.g. per week: 推荐 / 报名 / 结业), drawn with Views so it works in WeChat and H5. */
import { Text, View } from '@tarojs/components'
import './BarChart.css'

export interface BarSeries {
  key: string
  label: string
  color: string
}

interface BarChartProps {
  id?: string
  series: BarSeries[]
  groups: { label: string; values: Record<string, number> }[]
}

export function BarChart({ id, series, groups }: BarChartProps) {
  const max = Math.max(1, ...groups.flatMap((g) => series.map((s) => g.values[s.key] ?? 0)))
  return (
    <View className="bar-chart" id={id}>
      <View className="bar-chart__legend">
        {series.map((s) => (
          <View key={s.key} className="bar-chart__legend-item">
            <View className="bar-chart__swatch" style={{ background: s.color }} />
            <Text className="bar-chart__legend-text">{s.label}</Text>
          </View>
        ))}
      </View>
      <View className="bar-chart__plot">
        <Text className="bar-chart__max">{max}</Text>
        {groups.map((g) => (
          <View key={g.label} className="bar-chart__group">
            <View className="bar-chart__bars">
              {series.map((s) => {
                const v = g.values[s.key] ?? 0
                return (
                  <View key={s.key} className="bar-chart__bar" style={{ height: `${(v / max) * 100}%`, background: s.color }}>
                    {v > 0 ? <Text className="bar-chart__value">{v}</Text> : null}
                  </View>
                )
              })}
            </View>
            <Text className="bar-chart__label">{g.label}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
