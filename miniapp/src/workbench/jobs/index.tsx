import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { MANAGED_JOB_STATUSES, levelLabel, type DemandDeclaration, type ManagedJob, type ManagedJobs, type ManagedJobStatus } from '@jz/shared'
import { Segments } from '../../components/Segments'
import { Sheet } from '../../components/Sheet'
import { Tag, type TagTone } from '../../components/Tag'
import { EmptyState, ErrorState, LoadingState, NoAccess, SignInRequired } from '../../components/states'
import { listMyDemands } from '../../services/api'
import { formatDay } from '../../services/format'
import { closeJob, getJobInterested, listManagedJobs, payText } from '../../services/jobs'
import { useLoad } from '../../services/load'
import { openLogin } from '../../services/navigation'
import { isStationStaff, isSubsidyReviewer } from '../../services/staff'
import { useSession } from '../../services/session'
import { listDemandsForReview } from '../../services/supplyReview'
import { JobForm } from './JobForm'
import '../../components/FormField.css'
import '../components/StaffItem.css'
import './index.css'

type Filter = ManagedJobStatus | ''
const TONE: Record<ManagedJobStatus, TagTone> = { open: 'green', expired: 'orange', closed: 'grey' }
type FormState = { mode: 'post' } | { mode: 'edit'; job: ManagedJob } | { mode: 'demand'; demand: DemandDeclaration }

/** 岗位管理: the jobs a station or district reviewer looks after, posting and editing them, and who is interested. */
export default function WorkbenchJobsPage() {
  const session = useSession()
  const [filter, setFilter] = useState<Filter>('')
  const [tick, setTick] = useState(0)
  const [form, setForm] = useState<FormState | null>(null)
  const [pickingDemand, setPickingDemand] = useState(false)
  const [interestedIn, setInterestedIn] = useState<ManagedJob | null>(null)
  useDidShow(() => {
    void session.refresh()
  })
  const allowed = session.loggedIn && (isStationStaff(session.user) || isSubsidyReviewer(session.user))
  const list = useLoad<ManagedJobs>(allowed ? `${filter}:${tick}` : null, () => listManagedJobs(filter || undefined, { silent: true }))
  const reload = () => setTick((t) => t + 1)

  if (!session.loggedIn) return <SignInRequired text="岗位管理供就业服务站和区人社审核人员使用。" id="bench-jobs-login" onLogin={openLogin} />
  if (!allowed) {
    return <NoAccess title="没有岗位管理权限" text="发布岗位供就业服务站和区人社审核人员使用，请联系管理员开通。" />
  }

  const counts = list.status === 'ready' ? list.data.counts : undefined
  const filters: { value: Filter; label: string }[] = [
    { value: '', label: counts ? `全部 ${counts.open + counts.expired + counts.closed}` : '全部' },
    ...(['open', 'expired', 'closed'] as const).map((s) => ({ value: s, label: `${MANAGED_JOB_STATUSES[s]}${counts ? ` ${counts[s]}` : ''}` })),
  ]
  const close = async (job: ManagedJob) => {
    const { confirm } = await Taro.showModal({ title: '停止招聘', content: `“${job.title}”停止招聘后，求职者将看不到这个岗位。确定吗？`, confirmText: '停止招聘' })
    if (!confirm) return
    try {
      await closeJob(job.id)
      void Taro.showToast({ title: '已停止招聘', icon: 'success', duration: 1500 })
      reload()
    } catch {
      // The client has shown the message.
    }
  }

  return (
    <View className="page bench-jobs" id="bench-jobs-page">
      <View className="staff-item__actions">
        <Button id="bench-jobs-new" type="primary" size="xlarge" onClick={() => setForm({ mode: 'post' })}>
          发布岗位
        </Button>
        <Button id="bench-jobs-from-demand" size="xlarge" fill="outline" onClick={() => setPickingDemand(true)}>
          需求转岗位
        </Button>
      </View>
      <Segments id="bench-jobs-filter" value={filter} options={filters} onChange={setFilter} />
      {list.status === 'loading' ? (
        <LoadingState />
      ) : list.status === 'error' ? (
        <ErrorState message={list.message} onRetry={list.reload} />
      ) : list.data.items.length === 0 ? (
        <View className="card">
          <EmptyState title="还没有这类岗位" text="点“发布岗位”录入企业的招聘岗位，或把已发布的用工需求转为岗位。" />
        </View>
      ) : (
        list.data.items.map((job) => (
          <JobItem
            key={job.id}
            job={job}
            onInterested={() => setInterestedIn(job)}
            onEdit={() => setForm({ mode: 'edit', job })}
            onClose={() => void close(job)}
          />
        ))
      )}
      {form ? (
        <JobForm
          mode={form.mode}
          editing={form.mode === 'edit' ? form.job : undefined}
          demand={form.mode === 'demand' ? form.demand : undefined}
          onClose={() => setForm(null)}
          onSaved={() => {
            setForm(null)
            reload()
          }}
        />
      ) : null}
      {pickingDemand ? (
        <DemandPicker
          reviewer={isSubsidyReviewer(session.user)}
          onClose={() => setPickingDemand(false)}
          onPick={(demand) => {
            setPickingDemand(false)
            setForm({ mode: 'demand', demand })
          }}
        />
      ) : null}
      {interestedIn ? <InterestedSheet job={interestedIn} onClose={() => setInterestedIn(null)} /> : null}
    </View>
  )
}

function JobItem({ job, onInterested, onEdit, onClose }: { job: ManagedJob; onInterested: () => void; onEdit: () => void; onClose: () => void }) {
  return (
    <View className="card" id={`bench-job-${job.id}`}>
      <View className="staff-item__head">
        <Tag tone={TONE[job.shownStatus]} id={`bench-job-status-${job.id}`}>
          {MANAGED_JOB_STATUSES[job.shownStatus]}
        </Tag>
        <Text className="staff-item__figure">招 {job.openings} 人</Text>
      </View>
      <Text className="staff-item__title">{job.title}</Text>
      <Text className="staff-item__line">
        {job.enterprise.name} · {job.occupation.name}
      </Text>
      <Text className="staff-item__line">
        {payText(job)} · {job.districtName} · 截止 {formatDay(job.validUntil)}
      </Text>
      <Text className="staff-item__line bench-jobs__interest" id={`bench-job-interest-${job.id}`}>
        感兴趣：同意留电话 {job.consentedCount} 人 · 未同意 {job.withoutConsentCount} 人
      </Text>
      <View className="staff-item__actions">
        <Button id={`bench-job-interested-${job.id}`} type="primary" size="large" onClick={onInterested}>
          感兴趣的人
        </Button>
        {job.status === 'open' ? (
          <>
            <Button id={`bench-job-edit-${job.id}`} size="large" fill="outline" onClick={onEdit}>
              修改
            </Button>
            <Button id={`bench-job-close-${job.id}`} type="danger" size="large" fill="outline" onClick={onClose}>
              停止招聘
            </Button>
          </>
        ) : null}
      </View>
    </View>
  )
}

/** 感兴趣的人: those who agreed to share their contact, with a tap to call; the rest only counted. */
function InterestedSheet({ job, onClose }: { job: ManagedJob; onClose: () => void }) {
  const people = useLoad(job.id, () => getJobInterested(job.id, { silent: true }))
  const call = (phoneNumber: string) => void Taro.makePhoneCall({ phoneNumber }).catch(() => undefined)
  return (
    <Sheet id="job-interested" title={`感兴趣的人 · ${job.title}`} open onClose={onClose}>
      {people.status === 'loading' ? (
        <LoadingState />
      ) : people.status === 'error' ? (
        <ErrorState message={people.message} onRetry={people.reload} />
      ) : (
        <View>
          {people.data.items.length === 0 ? (
            <EmptyState title="还没有人留下联系方式" text="求职者点“我感兴趣”并同意提供联系方式后，会出现在这里。" />
          ) : (
            people.data.items.map((p) => (
              <View key={p.userId} className="bench-jobs__person" id={`interested-${p.userId}`}>
                <View className="bench-jobs__person-main">
                  <Text className="staff-item__title">{p.name}</Text>
                  <Text className="staff-item__line">
                    {p.certificates.length ? p.certificates.map((c) => `${c.occupation}${c.level ? ` ${levelLabel(c.level) ?? ''}` : ''}`).join('、') : '暂无本职业证书'} ·{' '}
                    {formatDay(p.markedAt.slice(0, 10))} 感兴趣
                  </Text>
                </View>
                <View className="bench-jobs__call" id={`interested-call-${p.userId}`} onClick={() => call(p.mobile)}>
                  <Text className="bench-jobs__call-number">{p.mobile}</Text>
                  <Text className="bench-jobs__call-label">点击拨打</Text>
                </View>
              </View>
            ))
          )}
          <Text className="staff-item__totals" id="job-interested-without-consent">
            另有 {people.data.withoutConsent} 人感兴趣但未同意提供联系方式
          </Text>
        </View>
      )}
    </Sheet>
  )
}

/** 需求转岗位: published demands the caller may turn into a job — a reviewer's district queue, or the station's own declarations. */
function DemandPicker({ reviewer, onClose, onPick }: { reviewer: boolean; onClose: () => void; onPick: (d: DemandDeclaration) => void }) {
  const demands = useLoad(reviewer ? 'review' : 'mine', async () => {
    const { items } = reviewer ? await listDemandsForReview('published', { silent: true }) : await listMyDemands({ silent: true })
    return items.filter((d) => d.status === 'published')
  })
  return (
    <Sheet id="job-demand-picker" title="选择已发布的需求" open onClose={onClose}>
      {demands.status === 'loading' ? (
        <LoadingState />
      ) : demands.status === 'error' ? (
        <ErrorState message={demands.message} onRetry={demands.reload} />
      ) : demands.data.length === 0 ? (
        <EmptyState
          title="没有可转为岗位的需求"
          text={reviewer ? '本区还没有已发布的用工需求。' : '本站申报的用工需求审核发布后，可以在这里转为岗位。'}
        />
      ) : (
        demands.data.map((d) => (
          <View key={d.id} className="bench-jobs__demand" id={`job-demand-${d.id}`} onClick={() => onPick(d)}>
            <Text className="staff-item__title">
              {d.occupation.name} · 要 {d.headcount} 人
            </Text>
            <Text className="staff-item__line">
              {d.enterprise.name} · {d.code}
            </Text>
          </View>
        ))
      )}
    </Sheet>
  )
}
