import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { WHITELIST_STATUSES, type ReviewInstitution, type ReviewInstitutionList, type WhitelistStatus } from '@jz/shared'
import { Segments } from '../../components/Segments'
import { Tag, type TagTone } from '../../components/Tag'
import { EmptyState, ErrorState, LoadingState, NoAccess } from '../../components/states'
import { errorMessage } from '../../services/api'
import { formatDateTime } from '../../services/format'
import { useLoad } from '../../services/load'
import { isSubsidyReviewer } from '../../services/staff'
import { useSession } from '../../services/session'
import { listInstitutionsForReview, setWhitelist } from '../../services/supplyReview'
import { ReasonSheet } from '../components/ReasonSheet'
import '../components/StaffItem.css'
import './index.css'

type Kind = 'training' | 'evaluation' | ''
type Status = WhitelistStatus | ''
const KINDS: { value: Kind; label: string }[] = [
  { value: '', label: '全部机构' },
  { value: 'training', label: '培训机构' },
  { value: 'evaluation', label: '评价机构' },
]
const TONE: Record<WhitelistStatus, TagTone> = { pending: 'blue', listed: 'green', suspended: 'red', removed: 'grey' }
const ACTION_NAMES = { list: '列入', suspend: '暂停', restore: '恢复' } as const

/** 白名单管理: the district's training and evaluation institutions by whitelist status, suspend with a reason, restore, history. */
export default function WhitelistPage() {
  const session = useSession()
  const [kind, setKind] = useState<Kind>('')
  const [status, setStatus] = useState<Status>('')
  const [tick, setTick] = useState(0)
  const [suspending, setSuspending] = useState<ReviewInstitution | null>(null)
  useDidShow(() => {
    void session.refresh()
  })
  const list = useLoad<ReviewInstitutionList>(`${kind}:${status}:${tick}`, () =>
    listInstitutionsForReview({ kind: kind || undefined, status: status || undefined }, { silent: true }),
  )
  const reload = () => setTick((t) => t + 1)

  if (!session.loggedIn || !isSubsidyReviewer(session.user)) {
    return <NoAccess title="没有白名单管理权限" text="白名单管理供区人社审核人员使用，请联系管理员开通。" />
  }
  const counts = list.status === 'ready' ? list.data.counts : undefined
  const statuses: { value: Status; label: string }[] = [
    { value: '', label: '全部' },
    ...(Object.keys(WHITELIST_STATUSES) as WhitelistStatus[]).map((s) => ({ value: s, label: `${WHITELIST_STATUSES[s]}${counts ? ` ${counts[s]}` : ''}` })),
  ]
  const act = async (i: ReviewInstitution, action: 'list' | 'restore') => {
    try {
      await setWhitelist(i.id, action)
      void Taro.showToast({ title: action === 'list' ? '已列入白名单' : '已恢复', icon: 'success', duration: 1500 })
      reload()
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none', duration: 2500 })
    }
  }

  return (
    <View className="page whitelist" id="whitelist-page">
      <Segments id="whitelist-kind" value={kind} options={KINDS} onChange={setKind} />
      <Segments id="whitelist-status" value={status} options={statuses} onChange={setStatus} />
      {list.status === 'loading' ? (
        <LoadingState />
      ) : list.status === 'error' ? (
        <ErrorState message={list.message} onRetry={list.reload} />
      ) : list.data.items.length === 0 ? (
        <View className="card">
          <EmptyState title="没有这类机构" />
        </View>
      ) : (
        list.data.items.map((i) => (
          <View key={i.id} className="card" id={`whitelist-${i.code}`}>
            <View className="staff-item__head">
              <Tag tone={TONE[i.whitelistStatus]} id={`whitelist-status-${i.code}`}>
                {WHITELIST_STATUSES[i.whitelistStatus]}
              </Tag>
              <Text className="staff-item__figure">{i.kind === 'training' ? '培训机构' : '评价机构'}</Text>
            </View>
            <Text className="staff-item__title">{i.name}</Text>
            <Text className="staff-item__line">
              {i.code} · {i.districtName}
            </Text>
            {i.history.length ? (
              <View className="whitelist__history" id={`whitelist-history-${i.code}`}>
                {i.history.map((e, n) => (
                  <Text key={n} className="staff-item__event">
                    {formatDateTime(e.at)} {ACTION_NAMES[e.action]}
                    {e.reason ? `：${e.reason}` : ''}
                  </Text>
                ))}
              </View>
            ) : null}
            <View className="staff-item__actions">
              {i.whitelistStatus === 'listed' ? (
                <Button id={`whitelist-suspend-${i.code}`} type="danger" size="large" fill="outline" onClick={() => setSuspending(i)}>
                  暂停资格
                </Button>
              ) : null}
              {i.whitelistStatus === 'suspended' ? (
                <Button id={`whitelist-restore-${i.code}`} type="primary" size="large" onClick={() => void act(i, 'restore')}>
                  恢复资格
                </Button>
              ) : null}
              {i.whitelistStatus === 'pending' || i.whitelistStatus === 'removed' ? (
                <Button id={`whitelist-list-${i.code}`} type="primary" size="large" onClick={() => void act(i, 'list')}>
                  列入白名单
                </Button>
              ) : null}
            </View>
          </View>
        ))
      )}
      {suspending ? (
        <ReasonSheet
          id="whitelist-suspend"
          title={`暂停 ${suspending.name}`}
          notice="暂停后立即生效：这家机构从公开名单中消失，它的班次和评价场次不再接受报名；已报名的人不受影响。"
          placeholder="请写明暂停原因，会记录在历史中"
          confirmLabel="确定暂停"
          onClose={() => setSuspending(null)}
          onConfirm={async (reason) => {
            await setWhitelist(suspending.id, 'suspend', reason)
            setSuspending(null)
            void Taro.showToast({ title: '已暂停', icon: 'success', duration: 1500 })
            reload()
          }}
        />
      ) : null}
    </View>
  )
}
