import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PROPOSAL_STATUSES, type ProjectProposal, type ProposalStatus } from '@jz/shared'
import { Segments } from '../../components/Segments'
import { Sheet } from '../../components/Sheet'
import { Tag } from '../../components/Tag'
import { EmptyState, ErrorState, LoadingState, NoAccess } from '../../components/states'
import { errorMessage } from '../../services/api'
import { formatDateTime } from '../../services/format'
import { useLoad } from '../../services/load'
import { decideProposal, getProposal, listProposalsForReview } from '../../services/proposals'
import { isSubsidyReviewer } from '../../services/staff'
import { useSession } from '../../services/session'
import { BarChart } from '../components/BarChart'
import { PROPOSAL_TONE, ProposalFacts } from '../components/ProposalFacts'
import './index.css'

type Filter = Exclude<ProposalStatus, 'draft'>
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'submitted', label: '待审核' },
  { value: 'returned', label: '已退回' },
  { value: 'published', label: '已发布' },
  { value: 'withdrawn', label: '已撤回' },
]

/** 项目审核: the district's proposal queue by status with counts, one proposal's detail and history, publish or return with a reason. */
export default function ProposalReviewPage() {
  const session = useSession()
  const [filter, setFilter] = useState<Filter>('submitted')
  const [tick, setTick] = useState(0)
  const [open, setOpen] = useState<string | null>(null)
  useDidShow(() => {
    void session.refresh()
  })
  const queue = useLoad(session.loggedIn ? `${filter}:${tick}` : null, () => listProposalsForReview(filter, { silent: true }))

  if (!session.loggedIn || !isSubsidyReviewer(session.user)) {
    return <NoAccess title="没有审核权限" text="项目审核供区人社审核人员使用，请联系管理员开通。" />
  }

  const totals = queue.status === 'ready' ? queue.data.totals : {}
  const options = FILTERS.map((f) => ({ value: f.value, label: `${f.label} ${totals[f.value] ?? ''}`.trim() }))

  return (
    <View className="page proposal-review" id="proposal-review-page">
      <Segments id="proposal-review-filter" value={filter} options={options} onChange={setFilter} />
      {queue.status === 'loading' ? (
        <LoadingState />
      ) : queue.status === 'error' ? (
        <ErrorState message={queue.message} onRetry={queue.reload} />
      ) : (
        <>
          {queue.data.items.length === 0 ? (
            <View className="card">
              <EmptyState title="没有这类项目申报" />
            </View>
          ) : (
            queue.data.items.map((p) => (
              <View key={p.id} className="card proposal-review__item" id={`proposal-review-${p.id}`} onClick={() => setOpen(p.id)}>
                <View className="proposal-review__head">
                  <Tag tone={PROPOSAL_TONE[p.status]}>{PROPOSAL_STATUSES[p.status]}</Tag>
                  <Text className="proposal-review__code">{p.code}</Text>
                </View>
                <Text className="proposal-review__title">{p.title}</Text>
                <Text className="proposal-review__line">
                  {p.sourceName} · {p.occupations.map((o) => o.name).join('、')} · {p.headcount} 人
                </Text>
                <Text className="proposal-review__line">
                  {p.districtName} · 对应需求 {p.demands.length} 条{p.submittedAt ? ` · 提交于 ${formatDateTime(p.submittedAt)}` : ''}
                </Text>
                <Text className="proposal-review__more">查看并审核 ›</Text>
              </View>
            ))
          )}
          <View className="card">
            <Text className="card__title">本区项目申报</Text>
            <BarChart
              id="proposal-review-chart"
              series={[{ key: 'n', label: '申报数', color: '#1a5fd0' }]}
              groups={FILTERS.map((f) => ({ label: f.label, values: { n: totals[f.value] ?? 0 } }))}
            />
          </View>
        </>
      )}
      {open ? (
        <DecisionSheet
          key={open}
          id={open}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null)
            setTick((t) => t + 1)
          }}
        />
      ) : null}
    </View>
  )
}

function DecisionSheet({ id, onClose, onDone }: { id: string; onClose: () => void; onDone: () => void }) {
  const detail = useLoad(id, () => getProposal(id, { silent: true }))
  const [returning, setReturning] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const decide = async (decision: 'publish' | 'return') => {
    if (decision === 'return' && reason.trim().length < 2) {
      setError('退回时请写明原因（至少2个字）')
      return
    }
    setBusy(true)
    setError('')
    try {
      await decideProposal(id, decision === 'return' ? { decision, reason: reason.trim() } : { decision }, { silent: true })
      void Taro.showToast({ title: decision === 'return' ? '已退回' : '已发布', icon: 'success', duration: 1500 })
      onDone()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const proposal: ProjectProposal | null = detail.status === 'ready' ? detail.data.proposal : null
  const canDecide = proposal?.status === 'submitted'
  return (
    <Sheet
      id="proposal-review-sheet"
      title={proposal?.title ?? '项目申报'}
      open
      onClose={onClose}
      footer={
        canDecide ? (
          returning ? (
            <>
              <Button id="proposal-return-cancel" size="xlarge" fill="outline" disabled={busy} onClick={() => setReturning(false)}>
                返回
              </Button>
              <Button id="proposal-return-confirm" type="danger" size="xlarge" loading={busy} onClick={() => void decide('return')}>
                确定退回
              </Button>
            </>
          ) : (
            <>
              <Button id="proposal-return" size="xlarge" fill="outline" disabled={busy} onClick={() => setReturning(true)}>
                退回
              </Button>
              <Button id="proposal-publish" type="primary" size="xlarge" loading={busy} onClick={() => void decide('publish')}>
                发布到目录
              </Button>
            </>
          )
        ) : undefined
      }
    >
      {detail.status === 'loading' ? (
        <LoadingState />
      ) : detail.status === 'error' ? (
        <ErrorState message={detail.message} onRetry={detail.reload} />
      ) : (
        <ProposalFacts proposal={detail.data.proposal} />
      )}
      {returning ? (
        <Input
          id="proposal-return-reason"
          className="proposal-review__reason"
          placeholder="请写明退回原因，申报机构会看到"
          maxlength={200}
          value={reason}
          onInput={(e) => setReason(e.detail.value)}
        />
      ) : null}
      {error ? (
        <Text className="proposal-review__error" id="proposal-review-error">
          {error}
        </Text>
      ) : null}
    </Sheet>
  )
}
