/**
 * 薪酬指引 chart: one horizontal bar per level from P10 to P90, the middle half (P25–P75) darker
 * and the median marked. Drawn with Views and percentage widths, so it looks the same in WeChat
 * and in the browser without a canvas library.
 */
import { Text, View } from '@tarojs/components'
import { CATALOG_LEVELS, type SalaryFigures } from '@jz/shared'
import { levelShort } from '../services/catalog'
import { formatNumber, formatWan } from '../services/format'
import './SalaryChart.css'

type Row = Pick<SalaryFigures, 'level' | 'unit' | 'p10' | 'p25' | 'p50' | 'p75' | 'p90'>

interface SalaryChartProps {
  rows: Row[]
  /** The level to highlight (e.g. the project's own). */
  highlight?: string
  year?: number
  source?: string
  id?: string
}

function pay(n: number, unit: Row['unit']): string {
  return unit === 'yuan_per_year' ? formatWan(n) : formatNumber(n)
}

function unitText(unit: Row['unit']): string {
  return unit === 'yuan_per_year' ? '元/年' : '元/月'
}

/** A round scale around the figures: whole 万 for yearly pay, whole thousands for monthly. */
function scale(rows: Row[]): { min: number; max: number; step: number } {
  const step = rows[0]?.unit === 'yuan_per_month' ? 1000 : 10000
  const lo = Math.min(...rows.map((r) => r.p10))
  const hi = Math.max(...rows.map((r) => r.p90))
  const min = Math.max(0, Math.floor(lo / step) * step)
  const max = Math.max(min + step, Math.ceil(hi / step) * step)
  return { min, max, step }
}

const order = (level: string) => {
  const i = (CATALOG_LEVELS as readonly string[]).indexOf(level)
  return i < 0 ? 99 : i
}

export function SalaryChart({ rows, highlight, year, source, id }: SalaryChartProps) {
  if (rows.length === 0) return null
  const sorted = [...rows].sort((a, b) => order(a.level) - order(b.level))
  const unit = sorted[0]!.unit
  const { min, max } = scale(sorted)
  const pos = (n: number) => `${(((n - min) / (max - min)) * 100).toFixed(2)}%`
  const width = (a: number, b: number) => `${(((b - a) / (max - min)) * 100).toFixed(2)}%`
  const chosen = sorted.find((r) => r.level === highlight)

  return (
    <View className="salary-chart" id={id}>
      {chosen && unit === 'yuan_per_year' ? (
        <View className="salary-chart__headline">
          <Text className="salary-chart__headline-text">
            {levelShort(chosen.level)}年收入的中位数约 {pay(chosen.p50, unit)}元，折合每月约 {formatNumber(chosen.p50 / 12)} 元
          </Text>
        </View>
      ) : null}

      <View className="salary-chart__legend">
        <View className="salary-chart__legend-item">
          <View className="salary-chart__swatch salary-chart__swatch--wide" />
          <Text className="salary-chart__legend-text">大多数人</Text>
        </View>
        <View className="salary-chart__legend-item">
          <View className="salary-chart__swatch salary-chart__swatch--mid" />
          <Text className="salary-chart__legend-text">中间一半人</Text>
        </View>
        <View className="salary-chart__legend-item">
          <View className="salary-chart__swatch salary-chart__swatch--median" />
          <Text className="salary-chart__legend-text">中位数</Text>
        </View>
      </View>

      {sorted.map((r) => {
        const on = r.level === highlight
        return (
          <View key={r.level} className={`salary-chart__row${on ? ' salary-chart__row--on' : ''}`} id={`salary-row-${r.level}`}>
            <View className="salary-chart__row-head">
              <Text className="salary-chart__level">
                {levelShort(r.level)}
                {on ? <Text className="salary-chart__mine"> 本培训</Text> : null}
              </Text>
              <Text className="salary-chart__median">
                中位数 <Text className="salary-chart__median-value">{pay(r.p50, unit)}</Text>
              </Text>
            </View>
            <View className="salary-chart__track">
              <View className="salary-chart__bar salary-chart__bar--wide" style={{ left: pos(r.p10), width: width(r.p10, r.p90) }} />
              <View className="salary-chart__bar salary-chart__bar--mid" style={{ left: pos(r.p25), width: width(r.p25, r.p75) }} />
              <View className="salary-chart__marker" style={{ left: pos(r.p50) }} />
            </View>
            <Text className="salary-chart__range">
              大多数人 {pay(r.p10, unit)}～{pay(r.p90, unit)}
            </Text>
          </View>
        )
      })}

      <View className="salary-chart__axis">
        <Text className="salary-chart__axis-text">{pay(min, unit)}</Text>
        <Text className="salary-chart__axis-text">单位：{unitText(unit)}</Text>
        <Text className="salary-chart__axis-text">{pay(max, unit)}</Text>
      </View>
      {year || source ? (
        <Text className="salary-chart__source">
          {year ? `${year}年数据` : ''}
          {year && source ? '，' : ''}
          {source ?? ''}
        </Text>
      ) : null}
    </View>
  )
}
