/** 我的就业: what the person reported (我已入职) and what an institution or station recorded for them, newest first. */
import { Text, View } from '@tarojs/components'
import { EMPLOYMENT_SOURCES } from '@jz/shared'
import { formatDay, formatNumber } from '../services/format'
import { getMyEmployment } from '../services/jobs'
import { useLoad } from '../services/load'
import { ErrorState, LoadingState } from './states'
import './MyEmployment.css'

export function MyEmployment() {
  const mine = useLoad('mine', () => getMyEmployment({ silent: true }))
  return (
    <View id="my-employment">
      <Text className="section-title">我的就业</Text>
      {mine.status === 'loading' ? (
        <LoadingState />
      ) : mine.status === 'error' ? (
        <ErrorState message={mine.message} onRetry={mine.reload} />
      ) : mine.data.items.length === 0 ? (
        <View className="card">
          <Text className="my-employment__empty" id="my-employment-empty">
            还没有就业记录。通过平台找到工作后，可在岗位页点“我已入职这家单位”填报；培训机构或服务站为您登记的也会显示在这里。
          </Text>
        </View>
      ) : (
        <View className="card">
          {mine.data.items.map((o) => (
            <View key={o.id} className="my-employment__item" id={`my-employment-${o.id}`}>
              <Text className="my-employment__employer">{o.employerName}</Text>
              <Text className="my-employment__line">
                {formatDay(o.hiredOn)} 入职{o.occupation ? ` · ${o.occupation.name}` : ''}
                {o.monthlyPay ? ` · ${formatNumber(o.monthlyPay)} 元/月` : ''}
              </Text>
              <Text className="my-employment__line">{EMPLOYMENT_SOURCES[o.source]}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
