/**
 * The cohort funnel: one centred bar per step, its width the step's share of 报名, with the count
 * and the rates against the step before and against 报名. Drawn with Views (as BarChart), so it
 * looks the same in WeChat and in the browser.
 */
import { Text, View } from '@tarojs/components'
import { formatRate, type FunnelStep } from '@jz/shared'
import './FunnelChart.css'

const COLORS = ['#1a5fd0', '#3a75d8', '#5b8be0', '#2b8a3e', '#d9822b', '#7048e8']

export function FunnelChart({ id, steps }: { id?: string; steps: FunnelStep[] }) {
  const first = steps[0]?.count ?? 0
  const label = (key: string | null) => steps.find((s) => s.key === key)?.label ?? ''
  return (
    <View className="funnel-chart" id={id}>
      {steps.map((s, i) => (
        <View key={s.key} className="funnel-chart__row" id={id ? `${id}-${s.key}` : undefined}>
          <View className="funnel-chart__head">
            <Text className="funnel-chart__label">{s.label}</Text>
            <Text className="funnel-chart__count">{s.count}</Text>
            <Text className="funnel-chart__unit">人</Text>
          </View>
          <View className="funnel-chart__track">
            <View
              className="funnel-chart__bar"
              style={{ width: `${first > 0 ? Math.max((s.count / first) * 100, s.count > 0 ? 2 : 0) : 0}%`, background: COLORS[i % COLORS.length] }}
            />
          </View>
          {s.previous ? (
            <Text className="funnel-chart__rates">
              占{label(s.previous)} {formatRate(s.ofPrevious)} · 占报名 {formatRate(s.ofFirst)}
            </Text>
          ) : null}
        </View>
      ))}
    </View>
  )
}
