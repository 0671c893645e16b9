import { useCallback, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { CERTIFICATE_LEVEL_NAMES, SUBSIDY_STATUSES, districtName } from '@jz/shared'
import type { ReviewSubsidyApplication, SubsidyReviewDetail, SubsidyReviewPage, SubsidyStats, SubsidyStatus } from '@jz/shared'
import { Segments } from '../../components/Segments'
import { Sheet } from '../../components/Sheet'
import { Tag, type TagTone } from '../../components/Tag'
import { EmptyState, ErrorState, LoadingState, NoAccess } from '../../components/states'
import { approveSubsidies, decideSubsidy, errorMessage, getSubsidyForReview, getSubsidyStats, listSubsidiesForReview } from '../../services/api'
import { formatDateTime, formatDay, formatNumber } from '../../services/format'
import { useLoad } from '../../services/load'
import { isSubsidyReviewer } from '../../services/staff'
import { useSession } from '../../services/session'
import { BarChart } from '../components/BarChart'
import { Fact } from '../components/Fact'
import './index.css'

type Filter = SubsidyStatus | ''
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'submitted', label: '待初审' },
  { value: 'under_review', label: '审核中' },
  { value: 'approved', label: '已通过' },
  { value: 'rejected', label: '未通过' },
  { value: '', label: '全部' },
]

const TONE: Record<SubsidyStatus, TagTone> = {
  submitted: 'blue',
  under_review: 'orange',
  approved: 'green',
  publicised: 'green',
  paid: 'green',
  rejected: 'red',
  withdrawn: 'grey',
}

const levelName = (level: string) => CERTIFICATE_LEVEL_NAMES[level as keyof typeof CERTIFICATE_LEVEL_NAMES] ?? '专项职业能力'

/** 补贴审核: the district's queue by status with totals, one application's history and decision, batch approval, stats. */
export default function ReviewPage() {
  const session = useSession()
  const [filter, setFilter] = useState<Filter>('submitted')
  const [tick, setTick] = useState(0)
  const [open, setOpen] = useState<ReviewSubsidyApplication | null>(null)
  const [picked, setPicked] = useState<string[]>([])
  const [batchBusy, setBatchBusy] = useState(false)
  useDidShow(() => {
    void session.refresh()
  })

  const queue = useLoad<SubsidyReviewPage>(`${filter}:${tick}`, () =>
    listSubsidiesForReview({ status: filter || undefined }, { limit: 100 }, { silent: true }),
  )
  // A new list (other filter, or after a decision) starts with nothing picked.
  const reload = useCallback(() => {
    setTick((t) => t + 1)
    setPicked([])
  }, [])
  const changeFilter = (f: Filter) => {
    setFilter(f)
    setPicked([])
  }

  if (!session.loggedIn || !isSubsidyReviewer(session.user)) {
    return <NoAccess title="没有审核权限" text="补贴审核供区人社审核人员使用，请联系管理员开通。" />
  }

  const batchApprove = async () => {
    setBatchBusy(true)
    try {
      await approveSubsidies(picked)
      void Taro.showToast({ title: `已通过 ${picked.length} 条`, icon: 'success', duration: 1500 })
      reload()
    } catch {
      // The client has shown the message.
    } finally {
      setBatchBusy(false)
    }
  }

  return (
    <View className="page review" id="review-page">
      <Segments id="review-filter" value={filter} options={FILTERS} onChange={changeFilter} />
      {queue.status === 'loading' ? (
        <LoadingState />
      ) : queue.status === 'error' ? (
        <ErrorState message={queue.message} onRetry={queue.reload} />
      ) : (
        <>
          <Text className="review__totals" id="review-totals">
            共 {queue.data.totals.count} 条，合计 {formatNumber(queue.data.totals.amount)} 元
          </Text>
          {queue.data.items.length === 0 ? (
            <View className="card">
              <EmptyState title="没有这类申请" />
            </View>
          ) : (
            queue.data.items.map((a) => (
              <View key={a.id} className="card review__item" id={`review-${a.id}`}>
                <View className="review__item-head">
                  {filter === 'under_review' ? (
                    <View
                      className={`review__pick${picked.includes(a.id) ? ' review__pick--on' : ''}`}
                      id={`review-pick-${a.id}`}
                      onClick={() => setPicked((p) => (p.includes(a.id) ? p.filter((x) => x !== a.id) : [...p, a.id]))}
                    >
                      <Text>{picked.includes(a.id) ? '✓' : ''}</Text>
                    </View>
                  ) : null}
                  <Tag tone={TONE[a.status]} id={`review-status-${a.id}`}>
                    {SUBSIDY_STATUSES[a.status]}
                  </Tag>
                  <Text className="review__amount">{formatNumber(a.amount)} 元</Text>
                </View>
                <View onClick={() => setOpen(a)}>
                  <Text className="review__name">
                    {a.applicant.name ?? '（未填姓名）'} · {a.applicant.idNumberMasked ?? ''}
                  </Text>
                  <Text className="review__line">
                    {a.occupation.name} · {levelName(a.level)}
                  </Text>
                  <Text className="review__line">
                    {districtName(a.district) ?? a.district} · 申请于 {formatDay(a.appliedOn)}
                  </Text>
                  <Text className="review__more">查看并审核 ›</Text>
                </View>
              </View>
            ))
          )}
          {filter === 'under_review' && picked.length > 0 ? (
            <Button className="btn-block" id="review-batch-approve" type="primary" size="xlarge" block loading={batchBusy} onClick={() => void batchApprove()}>
              批量通过（{picked.length} 条）
            </Button>
          ) : null}
        </>
      )}
      <StatsCard tick={tick} />
      {open ? (
        <DecisionSheet
          key={open.id}
          application={open}
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

function DecisionSheet({ application: a, onClose, onDone }: { application: ReviewSubsidyApplication; onClose: () => void; onDone: () => void }) {
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const decide = async (decision: 'review' | 'approve' | 'reject') => {
    if (decision === 'reject' && reason.trim().length < 2) {
      setError('驳回时请写明原因（至少2个字）')
      return
    }
    setBusy(true)
    setError('')
    try {
      await decideSubsidy(a.id, decision === 'reject' ? { decision, reason: reason.trim() } : { decision }, { silent: true })
      void Taro.showToast({ title: decision === 'reject' ? '已驳回' : decision === 'approve' ? '已通过' : '已开始初审', icon: 'success', duration: 1500 })
      onDone()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const canDecide = a.status === 'submitted' || a.status === 'under_review'
  return (
    <Sheet
      id="review-sheet"
      title="补贴申请"
      open
      onClose={onClose}
      footer={
        canDecide ? (
          rejecting ? (
            <>
              <Button id="review-reject-cancel" size="xlarge" fill="outline" disabled={busy} onClick={() => setRejecting(false)}>
                返回
              </Button>
              <Button id="review-reject-confirm" type="danger" size="xlarge" loading={busy} onClick={() => void decide('reject')}>
                确定驳回
              </Button>
            </>
          ) : (
            <>
              <Button id="review-reject" size="xlarge" fill="outline" disabled={busy} onClick={() => setRejecting(true)}>
                驳回
              </Button>
              {a.status === 'submitted' ? (
                <Button id="review-start" type="primary" size="xlarge" loading={busy} onClick={() => void decide('review')}>
                  开始初审
                </Button>
              ) : (
                <Button id="review-approve" type="primary" size="xlarge" loading={busy} onClick={() => void decide('approve')}>
                  通过
                </Button>
              )}
            </>
          )
        ) : undefined
      }
    >
      <View className="review__facts">
        <Fact label="申请人" value={`${a.applicant.name ?? ''} ${a.applicant.idNumberMasked ?? ''}`} />
        <Fact label="证书" value={`${a.occupation.name} · ${levelName(a.level)}`} />
        <Fact label="证书编号" value={a.certificate.certificateNo} />
        <Fact label="发证日期" value={formatDay(a.certificate.issuedOn, '')} />
        <Fact label="补贴金额" value={`${formatNumber(a.amount)} 元`} />
        <Fact label="收款账户" value={a.bankAccountMasked} />
        <Fact label="状态" value={SUBSIDY_STATUSES[a.status]} />
        {a.rejectReason ? <Fact label="驳回原因" value={a.rejectReason} /> : null}
      </View>
      <RuleCheck id={a.id} />
      <Text className="review__sub">办理记录</Text>
      <View id="review-history">
        {a.events.map((e, i) => (
          <Text key={i} className="review__event">
            {formatDateTime(e.at)} {e.from ? `${SUBSIDY_STATUSES[e.from]} → ` : ''}
            {SUBSIDY_STATUSES[e.to]}
            {e.reason ? `（${e.reason}）` : ''}
          </Text>
        ))}
      </View>
      {rejecting ? (
        <Input
          id="review-reason"
          className="review__reason"
          placeholder="请写明驳回原因，申请人会看到"
          maxlength={200}
          value={reason}
          onInput={(e) => setReason(e.detail.value)}
        />
      ) : null}
      {error ? (
        <Text className="review__error" id="review-error">
          {error}
        </Text>
      ) : null}
    </Sheet>
  )
}

/** 规则核验: every rule re-checked as of the submission day, ✓ or ✗ with its sentence. */
function RuleCheck({ id }: { id: string }) {
  const detail = useLoad<SubsidyReviewDetail>(`review-detail:${id}`, () => getSubsidyForReview(id, { silent: true }))
  return (
    <>
      <Text className="review__sub">规则核验（按提交当日）</Text>
      <View id="review-check">
        {detail.status === 'loading' ? (
          <LoadingState />
        ) : detail.status === 'error' ? (
          <ErrorState message={detail.message} onRetry={detail.reload} />
        ) : (
          detail.data.check.rules.map((r) => (
            <Text key={r.rule} className={`review__rule ${r.passed ? 'review__rule--passed' : 'review__rule--failed'}`}>
              {r.passed ? '✓' : '✗'} {r.explanation}
            </Text>
          ))
        )}
      </View>
    </>
  )
}

function StatsCard({ tick }: { tick: number }) {
  const stats = useLoad<SubsidyStats>(`stats:${tick}`, () => getSubsidyStats({ silent: true }))
  return (
    <View className="card" id="review-stats">
      <Text className="card__title">统计</Text>
      {stats.status === 'loading' ? (
        <LoadingState />
      ) : stats.status === 'error' ? (
        <ErrorState message={stats.message} onRetry={stats.reload} />
      ) : (
        <>
          <Text className="card__text">
            共 {stats.data.total.count} 条申请，合计 {formatNumber(stats.data.total.amount)} 元
          </Text>
          <Text className="review__sub">按状态（条）</Text>
          <BarChart
            id="review-chart-status"
            series={[{ key: 'count', label: '申请数', color: '#1a5fd0' }]}
            groups={stats.data.byStatus.map((b) => ({
              label: SUBSIDY_STATUSES[b.key as SubsidyStatus] ?? b.name ?? b.key,
              values: { count: b.count },
            }))}
          />
          <Text className="review__sub">按月份（条）</Text>
          <BarChart
            id="review-chart-month"
            series={[{ key: 'count', label: '申请数', color: '#2b8a3e' }]}
            groups={stats.data.byMonth.slice(-6).map((b) => ({ label: b.name ?? b.key, values: { count: b.count } }))}
          />
        </>
      )}
    </View>
  )
}
