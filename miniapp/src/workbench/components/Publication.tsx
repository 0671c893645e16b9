/**
 * What the publishing pages (我的班次, 评价场次) share: the status filter with counts, the row of actions a
 * class or sitting offers in each status, and the cancellation sheet that says who will be told.
 */
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PUBLICATION_STATUSES, type PublicationStatus } from '@jz/shared'
import { Segments } from '../../components/Segments'
import type { TagTone } from '../../components/Tag'
import { ReasonSheet } from './ReasonSheet'
import './StaffItem.css'

export type PublicationFilterValue = PublicationStatus | ''

export const PUBLICATION_TONE: Record<PublicationStatus, TagTone> = { draft: 'grey', published: 'green', closed: 'orange', cancelled: 'red' }

const STATUSES = ['draft', 'published', 'closed', 'cancelled'] as const

/** 全部 / 草稿 / 报名中 / 已停止报名 / 已取消, each with its count once known. */
export function PublicationFilter({
  id,
  value,
  counts,
  onChange,
}: {
  id: string
  value: PublicationFilterValue
  counts?: Record<PublicationStatus, number>
  onChange: (value: PublicationFilterValue) => void
}) {
  const options: { value: PublicationFilterValue; label: string }[] = [
    { value: '', label: '全部' },
    ...STATUSES.map((s) => ({ value: s, label: `${PUBLICATION_STATUSES[s]}${counts ? ` ${counts[s]}` : ''}` })),
  ]
  return <Segments id={id} value={value} options={options} onChange={onChange} />
}

interface PublicationActionsProps {
  /** Ids are `<idPrefix>-edit-<code>`, `-publish-`, `-close-`, `-cancel-`. */
  idPrefix: string
  code: string
  status: PublicationStatus
  cancelLabel: string
  onEdit: () => void
  onPublish: () => void
  onClose: () => void
  onCancel: () => void
}

/** 修改 · 发布 (or 重新开放报名) · 停止报名 · 取消; nothing once cancelled. */
export function PublicationActions({ idPrefix, code, status, cancelLabel, onEdit, onPublish, onClose, onCancel }: PublicationActionsProps) {
  if (status === 'cancelled') return null
  return (
    <View className="staff-item__actions">
      <Button id={`${idPrefix}-edit-${code}`} size="large" fill="outline" onClick={onEdit}>
        修改
      </Button>
      {status === 'draft' || status === 'closed' ? (
        <Button id={`${idPrefix}-publish-${code}`} type="primary" size="large" onClick={onPublish}>
          {status === 'draft' ? '发布' : '重新开放报名'}
        </Button>
      ) : null}
      {status === 'published' ? (
        <Button id={`${idPrefix}-close-${code}`} size="large" fill="outline" onClick={onClose}>
          停止报名
        </Button>
      ) : null}
      <Button id={`${idPrefix}-cancel-${code}`} type="danger" size="large" fill="outline" onClick={onCancel}>
        {cancelLabel}
      </Button>
    </View>
  )
}

interface CancelSheetProps {
  /** Ids: `<id>-notice`, `<id>-reason`, `<id>-confirm`. */
  id: string
  /** 班次 or 场次. */
  noun: string
  name: string
  /** How many people the cancellation releases and notifies. */
  people: number
  /** Who they are, e.g. 已报名和候补的. */
  who: string
  placeholder: string
  onConfirm: (reason: string) => Promise<void>
  onClose: () => void
}

/** 取消 with a reason, naming how many people will be notified before anything happens. */
export function CancelSheet({ id, noun, name, people, who, placeholder, onConfirm, onClose }: CancelSheetProps) {
  return (
    <ReasonSheet
      id={id}
      title={`取消${noun} ${name}`}
      notice={
        people > 0
          ? `取消后，${who} ${people} 人都会收到通知，他们的报名随之取消。`
          : `这个${noun}还没有人报名，取消后不会通知任何人。`
      }
      placeholder={placeholder}
      confirmLabel={`确定取消${noun}`}
      onClose={onClose}
      onConfirm={onConfirm}
    />
  )
}

/** A publishing form's buttons: 存为草稿 / 保存并发布 for a new one, 保存修改 when editing. Ids `<id>-draft`, `-publish`, `-save`. */
export function PublishFormFooter({ id, editing, busy, onSave }: { id: string; editing: boolean; busy: boolean; onSave: (publish: boolean) => void }) {
  return editing ? (
    <Button id={`${id}-save`} type="primary" size="xlarge" loading={busy} onClick={() => onSave(false)}>
      保存修改
    </Button>
  ) : (
    <>
      <Button id={`${id}-draft`} size="xlarge" fill="outline" disabled={busy} onClick={() => onSave(false)}>
        存为草稿
      </Button>
      <Button id={`${id}-publish`} type="primary" size="xlarge" loading={busy} onClick={() => onSave(true)}>
        保存并发布
      </Button>
    </>
  )
}
