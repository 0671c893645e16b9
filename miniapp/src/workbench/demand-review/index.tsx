import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { DECLARATION_STATUSES, districtName, type DeclarationStatus, type DemandDeclaration } from '@jz/shared'
import { Segments } from '../../components/Segments'
import { Sheet } from '../../components/Sheet'
import { Tag, type TagTone } from '../../components/Tag'
import { EmptyState, ErrorState, LoadingState, NoAccess } from '../../components/states'
import { errorMessage } from '../../services/api'
import { levelShort } from '../../services/catalog'
import { formatDateTime, formatDay } from '../../services/format'
import { useLoad } from '../../services/load'
import { isSubsidyReviewer } from '../../services/staff'
import { useSession } from '../../services/session'
import { closeDemand, decideDemand, listDemandsForReview } from '../../services/supplyReview'
import { Fact } from '../components/Fact'
import { ReasonSheet } from '../components/ReasonSheet'
import '../components/StaffItem.css'
import './index.css'

const STATUSES = ['submitted', 'returned', 'published', 'fulfilled', 'closed'] as const
type Filter = (typeof STATUSES)[number]
const TONE: Record<DeclarationStatus, TagTone> = { draft: 'grey', submitted: 'orange', returned: 'red', published: 'green', fulfilled: 'blue', closed: 'grey' }

/** 需求审核: the district's demand declarations by status, one declaration's detail, publish / return with a reason / close. */
export default function DemandReviewPage() {
  const session = useSession()
  const [filter, setFilter] = useState<Filter>('submitted')
  const [tick, setTick] = useState(0)
  const [open, setOpen] = useState<DemandDeclaration | null>(null)
  useDidShow(() => {
    void session.refresh()
  })
  // One request per status gives the counts on the filter; the lists are short (one district's declarations).
  const all = useLoad<Record<Filter, DemandDeclaration[]>>(`all:${tick}`, async () => {
    const lists = await Promise.all(STATUSES.map((s) => listDemandsForReview(s, { silent: true })))
    return Object.fromEntries(STATUSES.map((s, i) => [s, lists[i]!.items])) as Record<Filter, DemandDeclaration[]>
  })
  const reload = () => setTick((t) => t + 1)

  if (!session.loggedIn || !isSubsidyReviewer(session.user)) {
    return <NoAccess title="没有审核权限" text="需求审核供区人社审核人员使用，请联系管理员开通。" />
  }
  const count = (s: Filter) => (all.status === 'ready' ? ` ${all.data[s].length}` : '')
  const filters = STATUSES.map((s) => ({ value: s, label: `${DECLARATION_STATUSES[s]}${count(s)}` }))
  const items = all.status === 'ready' ? all.data[filter] : []

  return (
    <View className="page demand-review" id="demand-review-page">
      <Segments id="demand-review-filter" value={filter} options={filters} onChange={setFilter} />
      {all.status === 'loading' ? (
        <LoadingState />
      ) : all.status === 'error' ? (
        <ErrorState message={all.message} onRetry={all.reload} />
      ) : items.length === 0 ? (
        <View className="card">
          <EmptyState title={filter === 'submitted' ? '没有待审核的需求' : '没有这类需求'} />
        </View>
      ) : (
        items.map((d) => (
          <View key={d.id} className="card" id={`demand-review-${d.code}`} onClick={() => setOpen(d)}>
            <View className="staff-item__head">
              <Tag tone={TONE[d.status]}>{DECLARATION_STATUSES[d.status]}</Tag>
              <Text className="staff-item__figure">{d.headcount} 人</Text>
            </View>
            <Text className="staff-item__title">{d.enterprise.name}</Text>
            <Text className="staff-item__line">
              {d.occupation.name}
              {d.level ? ` · ${levelShort(d.level)}` : ''} · {districtName(d.district) ?? d.district}
            </Text>
            <Text className="staff-item__line">{d.submittedAt ? `提交于 ${formatDateTime(d.submittedAt)}` : `编号 ${d.code}`}</Text>
          </View>
        ))
      )}
      {open ? (
        <DemandSheet
          key={open.id}
          demand={open}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null)
            reload()
          }}
        />
      ) : null}
    </View>
  )
}

function DemandSheet({ demand: d, onClose, onDone }: { demand: DemandDeclaration; onClose: () => void; onDone: () => void }) {
  const [returning, setReturning] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true)
    setError('')
    try {
      await work()
      void Taro.showToast({ title: done, icon: 'success', duration: 1500 })
      onDone()
    } catch (e) {
      setError(errorMessage(e))
      setBusy(false)
    }
  }
  if (returning) {
    return (
      <ReasonSheet
        id="demand-return"
        title="退回需求"
        notice={`退回后，${d.enterprise.name} 会看到原因，修改后可以重新提交。`}
        placeholder="请写明退回原因"
        confirmLabel="确定退回"
        onClose={() => setReturning(false)}
        onConfirm={async (reason) => {
          await decideDemand(d.id, 'return', reason)
          void Taro.showToast({ title: '已退回', icon: 'success', duration: 1500 })
          onDone()
        }}
      />
    )
  }
  return (
    <Sheet
      id="demand-sheet"
      title={`需求 ${d.code}`}
      open
      onClose={onClose}
      footer={
        d.status === 'submitted' ? (
          <>
            <Button id="demand-return-open" size="xlarge" fill="outline" disabled={busy} onClick={() => setReturning(true)}>
              退回
            </Button>
            <Button id="demand-publish" type="primary" size="xlarge" loading={busy} onClick={() => void act(() => decideDemand(d.id, 'publish'), '已发布')}>
              发布到需求清单
            </Button>
          </>
        ) : d.status === 'published' ? (
          <>
            <Button id="demand-close" size="xlarge" fill="outline" disabled={busy} onClick={() => void act(() => closeDemand(d.id, 'closed'), '已关闭')}>
              关闭
            </Button>
            <Button id="demand-fulfil" type="primary" size="xlarge" loading={busy} onClick={() => void act(() => closeDemand(d.id, 'fulfilled'), '已标记满足')}>
              已招满
            </Button>
          </>
        ) : undefined
      }
    >
      <Fact label="企业" value={`${d.enterprise.name}（${d.enterprise.creditCode}）`} />
      <Fact label="联系人" value={`${d.contactName} ${d.contactPhoneMasked}`} />
      <Fact label="职业" value={`${d.occupation.name}${d.level ? ` · ${levelShort(d.level)}` : ''}`} />
      <Fact label="人数" value={`${d.headcount} 人`} />
      <Fact label="技能要求" value={d.skills} />
      <Fact label="所在区" value={districtName(d.district) ?? d.district} />
      <Fact label="到岗日期" value={formatDay(d.wantedBy)} />
      {d.payMin != null || d.payMax != null ? <Fact label="月薪" value={`${d.payMin ?? '?'} – ${d.payMax ?? '?'} 元`} /> : null}
      <Fact label="来源" value={d.stationCode ? `服务站 ${d.stationCode}` : '企业自行申报'} />
      <Fact label="状态" value={DECLARATION_STATUSES[d.status]} />
      {d.returnReason ? <Fact label="退回原因" value={d.returnReason} /> : null}
      {error ? (
        <Text className="staff-item__error" id="demand-error">
          {error}
        </Text>
      ) : null}
    </Sheet>
  )
}
