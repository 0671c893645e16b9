import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { EMPLOYMENT_SOURCES, type EmploymentOutcome } from '@jz/shared'
import { EmptyState, ErrorState, LoadingState, NoAccess, SignInRequired } from '../../components/states'
import { formatDay, formatNumber } from '../../services/format'
import { outcomesPerMonth } from '../../services/jobForm'
import { listEmploymentOutcomes } from '../../services/jobs'
import { useLoad } from '../../services/load'
import { openLogin } from '../../services/navigation'
import { isInstitutionStaff, isStationStaff } from '../../services/staff'
import { useSession } from '../../services/session'
import { BarChart } from '../components/BarChart'
import { OutcomeForm } from './OutcomeForm'
import '../../components/FormField.css'
import '../components/StaffItem.css'
import './index.css'

const MONTHS = 6

/** 就业登记: institution and station staff record that someone they trained or referred was hired, and see what is recorded. */
export default function WorkbenchOutcomesPage() {
  const session = useSession()
  const [tick, setTick] = useState(0)
  const [recording, setRecording] = useState(false)
  useDidShow(() => {
    void session.refresh()
  })
  const allowed = session.loggedIn && (isInstitutionStaff(session.user) || isStationStaff(session.user))
  const list = useLoad(allowed ? `outcomes:${tick}` : null, () => listEmploymentOutcomes({ silent: true }))

  if (!session.loggedIn) return <SignInRequired text="就业登记供培训机构和就业服务站的工作人员使用。" id="bench-outcomes-login" onLogin={openLogin} />
  if (!allowed) {
    return <NoAccess title="没有就业登记权限" text="就业登记供培训机构和就业服务站的工作人员使用，请联系管理员开通。" />
  }

  return (
    <View className="page bench-outcomes" id="bench-outcomes-page">
      <Button className="btn-block" id="bench-outcomes-new" type="primary" size="xlarge" block onClick={() => setRecording(true)}>
        登记就业
      </Button>
      {list.status === 'loading' ? (
        <LoadingState />
      ) : list.status === 'error' ? (
        <ErrorState message={list.message} onRetry={list.reload} />
      ) : (
        <>
          <View className="card">
            <Text className="card__title">近 {MONTHS} 个月就业人数（按入职月份）</Text>
            <BarChart
              id="bench-outcomes-chart"
              series={[{ key: 'count', label: '就业', color: '#2b8a3e' }]}
              groups={outcomesPerMonth(list.data.items, MONTHS).map((b) => ({ label: b.label, values: { count: b.count } }))}
            />
          </View>
          {list.data.items.length === 0 ? (
            <View className="card">
              <EmptyState title="还没有就业记录" text="学员入职后，点“登记就业”记下单位和入职日期；学员自己填报的也会显示在这里。" />
            </View>
          ) : (
            <View id="bench-outcomes-list">
              {list.data.items.map((o) => (
                <OutcomeItem key={o.id} outcome={o} />
              ))}
            </View>
          )}
        </>
      )}
      {recording ? (
        <OutcomeForm
          onClose={() => setRecording(false)}
          onSaved={() => {
            setRecording(false)
            setTick((t) => t + 1)
          }}
        />
      ) : null}
    </View>
  )
}

function OutcomeItem({ outcome: o }: { outcome: EmploymentOutcome }) {
  return (
    <View className="card" id={`bench-outcome-${o.id}`}>
      <View className="staff-item__head">
        <Text className="staff-item__title bench-outcomes__name">{o.person?.name ?? '—'}</Text>
        <Text className="staff-item__figure">{o.monthlyPay ? `${formatNumber(o.monthlyPay)} 元/月` : ''}</Text>
      </View>
      <Text className="staff-item__line">
        {o.employerName}
        {o.occupation ? ` · ${o.occupation.name}` : ''}
      </Text>
      <Text className="staff-item__line">
        {formatDay(o.hiredOn)} 入职 · {EMPLOYMENT_SOURCES[o.source]}
      </Text>
    </View>
  )
}
