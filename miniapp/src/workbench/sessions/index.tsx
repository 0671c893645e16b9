import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PUBLICATION_STATUSES, type EvaluationScope, type EvaluatorSessions, type StaffEvaluationSessionItem } from '@jz/shared'
import { Tag } from '../../components/Tag'
import { EmptyState, ErrorState, LoadingState, NoAccess } from '../../components/states'
import { levelShort } from '../../services/catalog'
import { formatDateTime, formatFee } from '../../services/format'
import { useLoad } from '../../services/load'
import { getEvaluationScope, listMySessions, moveSession } from '../../services/publishing'
import { isEvaluatorStaff } from '../../services/staff'
import { useSession } from '../../services/session'
import { CancelSheet, PUBLICATION_TONE, PublicationActions, PublicationFilter, type PublicationFilterValue } from '../components/Publication'
import { SessionForm } from './SessionForm'
import '../components/StaffItem.css'
import './index.css'

/** 评价场次: the evaluator's sittings by status, a form to schedule or edit one, publish, close sign-up, cancel with a reason. */
export default function SessionsPage() {
  const session = useSession()
  const [filter, setFilter] = useState<PublicationFilterValue>('')
  const [tick, setTick] = useState(0)
  const [form, setForm] = useState<{ editing: StaffEvaluationSessionItem | null } | null>(null)
  const [cancelling, setCancelling] = useState<StaffEvaluationSessionItem | null>(null)
  useDidShow(() => {
    void session.refresh()
  })
  const staff = session.loggedIn && isEvaluatorStaff(session.user)
  const list = useLoad<EvaluatorSessions>(staff ? `${filter}:${tick}` : null, () => listMySessions(filter || undefined, { silent: true }))
  const scope = useLoad<EvaluationScope>(staff ? 'scope' : null, () => getEvaluationScope({ silent: true }))
  const reload = () => setTick((t) => t + 1)

  if (!staff) {
    return <NoAccess title="没有发布评价场次的权限" text="评价场次由评价机构工作人员发布，请联系管理员开通。" />
  }

  const occupations = scope.status === 'ready' ? scope.data.institutions.reduce((n, i) => n + i.occupations.length, 0) : 0
  const paused = scope.status === 'ready' ? scope.data.institutions.filter((i) => i.whitelistStatus !== 'listed') : []
  const move = async (s: StaffEvaluationSessionItem, action: 'publish' | 'close') => {
    try {
      await moveSession(s.id, action)
      void Taro.showToast({ title: action === 'publish' ? '已发布' : '已停止报名', icon: 'success', duration: 1500 })
      reload()
    } catch {
      // The client has shown the message.
    }
  }

  return (
    <View className="page bench-sessions" id="bench-sessions-page">
      <Button
        className="btn-block"
        id="bench-sessions-new"
        type="primary"
        size="xlarge"
        block
        disabled={occupations === 0}
        onClick={() => setForm({ editing: null })}
      >
        发布评价场次
      </Button>
      {scope.status === 'error' ? <ErrorState message={scope.message} onRetry={scope.reload} /> : null}
      {scope.status === 'ready' && occupations === 0 ? (
        <Text className="bench-sessions__notice">本机构还没有登记评价范围（职业和等级），登记后才能发布场次。请联系管理员。</Text>
      ) : null}
      {paused.length ? (
        <Text className="bench-sessions__notice" id="bench-sessions-paused">
          {paused.map((i) => i.name).join('、')}目前不在白名单上：场次可以先存为草稿，恢复后再发布。
        </Text>
      ) : null}
      <PublicationFilter id="bench-sessions-filter" value={filter} counts={list.status === 'ready' ? list.data.counts : undefined} onChange={setFilter} />
      {list.status === 'loading' ? (
        <LoadingState text="正在读取评价场次…" />
      ) : list.status === 'error' ? (
        <ErrorState message={list.message} onRetry={list.reload} />
      ) : list.data.items.length === 0 ? (
        <View className="card">
          <EmptyState title="还没有这类场次" text="点“发布评价场次”，选职业和等级、时间和考点。" />
        </View>
      ) : (
        list.data.items.map((s) => (
          <SessionItem
            key={s.id}
            item={s}
            onEdit={() => setForm({ editing: s })}
            onPublish={() => void move(s, 'publish')}
            onClose={() => void move(s, 'close')}
            onCancel={() => setCancelling(s)}
          />
        ))
      )}
      {form && scope.status === 'ready' ? (
        <SessionForm
          editing={form.editing}
          scope={scope.data}
          onClose={() => setForm(null)}
          onSaved={() => {
            setForm(null)
            reload()
          }}
        />
      ) : null}
      {cancelling ? (
        <CancelSheet
          id="session-cancel"
          noun="场次"
          name={`${cancelling.occupation.name} ${formatDateTime(cancelling.startsAt)}`}
          people={cancelling.registered}
          who="已报名的"
          placeholder="请写明取消原因，考生会看到"
          onClose={() => setCancelling(null)}
          onConfirm={async (reason) => {
            await moveSession(cancelling.id, 'cancel', reason, { silent: true })
            setCancelling(null)
            void Taro.showToast({ title: '场次已取消', icon: 'success', duration: 1500 })
            reload()
          }}
        />
      ) : null}
    </View>
  )
}

interface SessionItemProps {
  item: StaffEvaluationSessionItem
  onEdit: () => void
  onPublish: () => void
  onClose: () => void
  onCancel: () => void
}

function SessionItem({ item: s, onEdit, onPublish, onClose, onCancel }: SessionItemProps) {
  return (
    <View className="card" id={`bench-session-${s.code}`}>
      <View className="staff-item__head">
        <Tag tone={PUBLICATION_TONE[s.status]} id={`bench-session-status-${s.code}`}>
          {PUBLICATION_STATUSES[s.status]}
        </Tag>
        <Text className="staff-item__figure" id={`bench-session-seats-${s.code}`}>
          {s.registered}/{s.capacity} 人
        </Text>
      </View>
      <Text className="staff-item__title">
        {s.occupation.name} · {levelShort(s.level)}
      </Text>
      <Text className="staff-item__line">
        {formatDateTime(s.startsAt)} · {s.districtName}
      </Text>
      <Text className="staff-item__line">{s.place}</Text>
      <Text className="staff-item__line">
        报名截止 {formatDateTime(s.signupClosesAt)} · {s.fee > 0 ? `评价费 ${formatFee(s.fee)}` : '免费'}
      </Text>
      <Text className="staff-item__line">编号 {s.code}</Text>
      {s.cancelReason ? <Text className="staff-item__line">取消原因：{s.cancelReason}</Text> : null}
      <PublicationActions
        idPrefix="bench-session"
        code={s.code}
        status={s.status}
        cancelLabel="取消场次"
        onEdit={onEdit}
        onPublish={onPublish}
        onClose={onClose}
        onCancel={onCancel}
      />
    </View>
  )
}
