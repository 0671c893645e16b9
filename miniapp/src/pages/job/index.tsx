import { useState } from 'react'
import { Input, Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { beijingToday, type JobDetail } from '@jz/shared'
import { Tag } from '../../components/Tag'
import { ErrorState, LoadingState } from '../../components/states'
import { errorMessage, fieldErrorsOf } from '../../services/api'
import { levelLong } from '../../services/catalog'
import { formatDay } from '../../services/format'
import { getJob, markJobInterest, payText, reportEmployment, withdrawJobInterest } from '../../services/jobs'
import { useLoad } from '../../services/load'
import { openLogin } from '../../services/navigation'
import { useSession } from '../../services/session'
import '../../components/detail.css'
import './index.css'

export default function JobPage() {
  const id = useRouter().params.id ?? ''
  const session = useSession()
  const job = useLoad(id ? `${id}|${session.loggedIn}` : null, () => getJob(id, { silent: true }))

  if (!id) return <ErrorState message="缺少岗位编号" />
  if (job.status === 'loading') return <LoadingState />
  if (job.status === 'error') return <ErrorState message={job.message} onRetry={job.reload} />
  const j = job.data.job

  return (
    <View className="page detail" id="job-page">
      <View className="card">
        <Text className="detail__title">{j.title}</Text>
        <Text className="job__pay" id="job-pay">{payText(j)}</Text>
        {j.payComparison ? (
          <Text className="job__compare" id="job-pay-compare">
            {j.payComparison.text}（本职业月薪中位数约 {j.payComparison.median} 元）
          </Text>
        ) : null}
        <View className="detail__tags">
          <Tag>{j.level ? levelLong(j.level) : '不限等级'}</Tag>
          <Tag tone="grey">{j.districtName}</Tag>
          <Tag tone="grey">{`招 ${j.openings} 人`}</Tag>
        </View>
        <View className="detail__facts">
          <Fact label="用人单位" value={j.enterprise.name} />
          <Fact label="工种" value={j.occupation.name} />
          <Fact label="工作地点" value={j.address || j.districtName} />
          <Fact label="招到" value={`${formatDay(j.validUntil)}为止`} />
        </View>
        {j.benefits.length > 0 ? (
          <View className="job__benefits" id="job-benefits">
            {j.benefits.map((b) => (
              <Tag key={b} tone="grey">{b}</Tag>
            ))}
          </View>
        ) : null}
        {j.description ? <Text className="detail__text">{j.description}</Text> : null}
      </View>

      <InterestCard job={j} loggedIn={session.loggedIn} onChanged={job.reload} />
      {session.loggedIn ? <HiredCard job={j} /> : null}
    </View>
  )
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View className="detail__fact">
      <Text className="detail__fact-label">{label}</Text>
      <Text className="detail__fact-value">{value}</Text>
    </View>
  )
}

/** 我感兴趣, with an explicit, unticked-by-default consent to pass the person's name and mobile to the employer. */
function InterestCard({ job, loggedIn, onChanged }: { job: JobDetail; loggedIn: boolean; onChanged: () => void }) {
  const [consent, setConsent] = useState(false)
  const [busy, setBusy] = useState(false)
  const mine = job.myInterest

  const mark = async () => {
    if (!loggedIn) return openLogin()
    setBusy(true)
    try {
      await markJobInterest(job.id, consent)
      void Taro.showToast({ title: consent ? '已告诉招聘方' : '已记下您感兴趣', icon: 'none' })
      onChanged()
    } catch {
      // the API client has shown the message
    } finally {
      setBusy(false)
    }
  }
  const withdraw = async () => {
    setBusy(true)
    try {
      await withdrawJobInterest(job.id)
      onChanged()
    } catch {
      // shown by the API client
    } finally {
      setBusy(false)
    }
  }

  if (mine) {
    return (
      <View className="card" id="job-interest">
        <Text className="card__title">您已标记感兴趣</Text>
        <Text className="card__text">
          {mine.consentToShareContact ? '招聘方可以看到您的姓名和手机号，会联系您。' : '您没有同意提供联系方式，招聘方看不到您是谁。'}
        </Text>
        {job.contact ? (
          <Text className="job__contact" id="job-contact">
            联系人：{job.contact.name} · 电话：{job.contact.phone}
          </Text>
        ) : null}
        <View className="job__secondary" id="job-interest-withdraw" onClick={() => !busy && void withdraw()}>
          <Text>不感兴趣了（撤回）</Text>
        </View>
      </View>
    )
  }

  return (
    <View className="card" id="job-interest">
      <View className="job__consent" id="job-consent" onClick={() => setConsent((c) => !c)}>
        <View className={`job__check${consent ? ' job__check--on' : ''}`}>{consent ? <Text>✓</Text> : null}</View>
        <Text className="job__consent-text">同意把我的姓名和手机号提供给发布这个岗位的服务站和招聘单位，方便他们联系我</Text>
      </View>
      <Text className="card__text">不勾选也可以标记感兴趣，但招聘方看不到您的联系方式。</Text>
      <View className={`job__primary${busy ? ' job__primary--busy' : ''}`} id="job-interest-button" onClick={() => !busy && void mark()}>
        <Text>我感兴趣</Text>
      </View>
    </View>
  )
}

/** 我已入职: the hire date (today by default) and, if the person likes, the monthly pay. */
function HiredCard({ job }: { job: JobDetail }) {
  const today = beijingToday()
  const [open, setOpen] = useState(false)
  const [hiredOn, setHiredOn] = useState(today)
  const [pay, setPay] = useState('')
  const [error, setError] = useState('')
  const [done, setDone] = useState(false)

  const submit = async () => {
    setError('')
    try {
      await reportEmployment(
        {
          employerName: job.enterprise.name,
          occupation: job.occupation.code,
          hiredOn,
          ...(pay.trim() ? { monthlyPay: Number(pay.trim()) } : {}),
          ...(job.myInterest ? { jobId: job.id } : {}),
        },
        { silent: true },
      )
      setDone(true)
    } catch (e) {
      const fields = fieldErrorsOf(e, ['hiredOn', 'monthlyPay'] as const)
      setError(fields.monthlyPay ?? fields.hiredOn ?? errorMessage(e))
    }
  }

  if (done) {
    return (
      <View className="card" id="job-hired">
        <Text className="card__title">恭喜您入职！</Text>
        <Text className="card__text">已记下，感谢告诉我们。</Text>
      </View>
    )
  }
  if (!open) {
    return (
      <View className="job__secondary" id="job-hired-open" onClick={() => setOpen(true)}>
        <Text>我已入职这家单位</Text>
      </View>
    )
  }
  return (
    <View className="card" id="job-hired">
      <Text className="card__title">告诉我们您已入职</Text>
      <Picker mode="date" value={hiredOn} end={today} onChange={(e) => setHiredOn(String(e.detail.value))}>
        <Text className="job__field" id="job-hired-date">入职日期：{formatDay(hiredOn)} ›</Text>
      </Picker>
      <Input className="job__field" id="job-hired-pay" type="number" value={pay} placeholder="税前月收入（元，可不填）" onInput={(e) => setPay(e.detail.value)} />
      {error ? <Text className="job__error" id="job-hired-error">{error}</Text> : null}
      <View className="job__primary" id="job-hired-submit" onClick={() => void submit()}>
        <Text>提交</Text>
      </View>
    </View>
  )
}
