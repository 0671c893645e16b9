import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PUBLICATION_STATUSES, type InstitutionClasses, type StaffClass } from '@jz/shared'
import { Tag } from '../../components/Tag'
import { EmptyState, ErrorState, LoadingState, NoAccess } from '../../components/states'
import { formatDayRange } from '../../services/format'
import { useLoad } from '../../services/load'
import { listMyClasses, moveClass, peopleToNotify } from '../../services/publishing'
import { isInstitutionStaff } from '../../services/staff'
import { useSession } from '../../services/session'
import { CancelSheet, PUBLICATION_TONE, PublicationActions, PublicationFilter, type PublicationFilterValue } from '../components/Publication'
import { ClassForm } from './ClassForm'
import '../../components/FormField.css'
import '../components/StaffItem.css'
import './index.css'

/** 我的班次: the institution's classes by status, a form to create or edit one, publish, close sign-up, cancel with a reason. */
export default function ClassesPage() {
  const session = useSession()
  const [filter, setFilter] = useState<PublicationFilterValue>('')
  const [tick, setTick] = useState(0)
  const [form, setForm] = useState<{ editing: StaffClass | null } | null>(null)
  const [cancelling, setCancelling] = useState<StaffClass | null>(null)
  useDidShow(() => {
    void session.refresh()
  })
  const list = useLoad<InstitutionClasses>(`${filter}:${tick}`, () => listMyClasses(filter || undefined, { silent: true }))
  const reload = () => setTick((t) => t + 1)

  if (!session.loggedIn || !isInstitutionStaff(session.user)) {
    return <NoAccess title="没有开班权限" text="开设班次供培训机构工作人员使用，请联系管理员开通。" />
  }

  const move = async (c: StaffClass, action: 'publish' | 'close') => {
    try {
      await moveClass(c.id, action)
      void Taro.showToast({ title: action === 'publish' ? '已发布' : '已停止报名', icon: 'success', duration: 1500 })
      reload()
    } catch {
      // The client has shown the message.
    }
  }

  return (
    <View className="page bench-classes" id="bench-classes-page">
      <Button
        className="btn-block"
        id="bench-classes-new"
        type="primary"
        size="xlarge"
        block
        disabled={list.status !== 'ready' || list.data.projects.length === 0}
        onClick={() => setForm({ editing: null })}
      >
        新建班次
      </Button>
      <PublicationFilter id="bench-classes-filter" value={filter} counts={list.status === 'ready' ? list.data.counts : undefined} onChange={setFilter} />
      {list.status === 'loading' ? (
        <LoadingState />
      ) : list.status === 'error' ? (
        <ErrorState message={list.message} onRetry={list.reload} />
      ) : list.data.items.length === 0 ? (
        <View className="card">
          <EmptyState
            title="还没有这类班次"
            text={list.data.projects.length ? '点“新建班次”，在已发布的项目下开班。' : '本机构还没有已发布的培训项目，项目发布后才能开班。'}
          />
        </View>
      ) : (
        list.data.items.map((c) => (
          <ClassItem
            key={c.id}
            item={c}
            onEdit={() => setForm({ editing: c })}
            onPublish={() => void move(c, 'publish')}
            onClose={() => void move(c, 'close')}
            onCancel={() => setCancelling(c)}
          />
        ))
      )}
      {form && list.status === 'ready' ? (
        <ClassForm
          editing={form.editing}
          projects={list.data.projects}
          onClose={() => setForm(null)}
          onSaved={() => {
            setForm(null)
            reload()
          }}
        />
      ) : null}
      {cancelling ? (
        <CancelSheet
          id="class-cancel"
          noun="班次"
          name={cancelling.name}
          people={peopleToNotify(cancelling)}
          who="已报名和候补的"
          placeholder="请写明取消原因，学员会看到"
          onClose={() => setCancelling(null)}
          onConfirm={async (reason) => {
            await moveClass(cancelling.id, 'cancel', reason, { silent: true })
            setCancelling(null)
            void Taro.showToast({ title: '班次已取消', icon: 'success', duration: 1500 })
            reload()
          }}
        />
      ) : null}
    </View>
  )
}

interface ClassItemProps {
  item: StaffClass
  onEdit: () => void
  onPublish: () => void
  onClose: () => void
  onCancel: () => void
}

function ClassItem({ item: c, onEdit, onPublish, onClose, onCancel }: ClassItemProps) {
  return (
    <View className="card" id={`bench-class-${c.code}`}>
      <View className="staff-item__head">
        <Tag tone={PUBLICATION_TONE[c.status]} id={`bench-class-status-${c.code}`}>
          {PUBLICATION_STATUSES[c.status]}
        </Tag>
        <Text className="staff-item__figure" id={`bench-class-seats-${c.code}`}>
          {c.enrolled}/{c.capacity} 人
        </Text>
      </View>
      <Text className="staff-item__title">{c.name}</Text>
      <Text className="staff-item__line">{c.project.title}</Text>
      <Text className="staff-item__line">
        {formatDayRange(c.startDate, c.endDate)} · {c.districtName}
      </Text>
      <Text className="staff-item__line">
        已报名 {c.enrolled} · 名额 {c.capacity} · 候补 {c.waitlisted}
      </Text>
      {c.cancelReason ? <Text className="staff-item__line">取消原因：{c.cancelReason}</Text> : null}
      <PublicationActions
        idPrefix="bench-class"
        code={c.code}
        status={c.status}
        cancelLabel="取消班次"
        onEdit={onEdit}
        onPublish={onPublish}
        onClose={onClose}
        onCancel={onCancel}
      />
    </View>
  )
}
