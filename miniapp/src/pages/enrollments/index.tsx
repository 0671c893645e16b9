import { useCallback, useEffect, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { Enrollment } from '@jz/shared'
import { Sheet } from '../../components/Sheet'
import { Tag, type TagTone } from '../../components/Tag'
import { EmptyState, ErrorState, LoadingState, SignInRequired } from '../../components/states'
import { cancelEnrollment, errorMessage, getCheckInToken, listMyEnrollments } from '../../services/api'
import { useLoad } from '../../services/load'
import { canCancel, statusHint, statusText } from '../../services/enrollment'
import { formatDateTime, formatDayRange } from '../../services/format'
import { openClass, openLogin, openTab } from '../../services/navigation'
import { getSessionState, refreshSession, useSession } from '../../services/session'
import './index.css'

type Loaded = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; items: Enrollment[] }

const TONE: Record<Enrollment['status'], TagTone> = {
  enrolled: 'green',
  waitlisted: 'orange',
  cancelled: 'grey',
  completed: 'blue',
  dropped: 'red',
}

export default function EnrollmentsPage() {
  const session = useSession()
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })
  const [cancelling, setCancelling] = useState<Enrollment | null>(null)
  const [qrFor, setQrFor] = useState<Enrollment | null>(null)

  const load = useCallback(async () => {
    await refreshSession()
    if (getSessionState().status !== 'signedIn') return
    try {
      const { items } = await listMyEnrollments('all', { silent: true })
      setLoaded({ status: 'ready', items })
    } catch (e) {
      setLoaded((prev) => (prev.status === 'ready' ? prev : { status: 'error', message: errorMessage(e) }))
    }
  }, [])

  useDidShow(() => {
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  const replace = (next: Enrollment) =>
    setLoaded((prev) => (prev.status === 'ready' ? { status: 'ready', items: prev.items.map((e) => (e.id === next.id ? next : e)) } : prev))

  if (session.status === 'signedOut') {
    return <SignInRequired text="登录后可以查看您报名的培训。" id="enrollments-login" onLogin={openLogin} />
  }
  if (loaded.status === 'loading') {
    return (
      <View className="page">
        <LoadingState text="正在读取报名记录…" />
      </View>
    )
  }
  if (loaded.status === 'error') {
    return (
      <View className="page">
        <ErrorState message={loaded.message} onRetry={() => void load()} />
      </View>
    )
  }
  if (loaded.items.length === 0) {
    return (
      <View className="page">
        <View className="card" id="enrollments-empty">
          <EmptyState title="还没有报名培训" text="在“培训”里找到合适的班次，点“立即报名”就可以了。">
            <Button className="btn-block" type="primary" size="xlarge" block onClick={() => openTab('training')}>
              去找培训
            </Button>
          </EmptyState>
        </View>
      </View>
    )
  }

  return (
    <View className="page" id="enrollments-page">
      {loaded.items.map((e) => (
        <View key={e.id} className={`card enrolment enrolment--${e.status}`} id={`enrollment-${e.id}`}>
          <View className="enrolment__head">
            <Tag tone={TONE[e.status]} id={`enrollment-status-${e.id}`}>
              {statusText(e)}
            </Tag>
            <Text className="enrolment__date">报名于 {formatDateTime(e.createdAt)}</Text>
          </View>
          <View onClick={() => openClass(e.classId)}>
            <Text className="enrolment__title">{e.class.project.title}</Text>
            <Text className="enrolment__line">{e.class.name}</Text>
            <Text className="enrolment__line">{formatDayRange(e.class.startDate, e.class.endDate)}，{e.class.schedule}</Text>
            <Text className="enrolment__line">
              {e.class.districtName} · {e.class.address}
            </Text>
            <Text className="enrolment__line">{e.class.institution.name}</Text>
          </View>
          <Text className="enrolment__hint">{statusHint(e)}</Text>
          {e.status === 'enrolled' || canCancel(e) ? (
            <View className="enrolment__actions">
              {e.status === 'enrolled' ? (
                <Button id={`enrollment-qr-${e.id}`} type="primary" size="large" onClick={() => setQrFor(e)}>
                  签到码
                </Button>
              ) : null}
              {canCancel(e) ? (
                <Button id={`enrollment-cancel-${e.id}`} size="large" fill="outline" onClick={() => setCancelling(e)}>
                  取消报名
                </Button>
              ) : null}
            </View>
          ) : null}
        </View>
      ))}

      {cancelling ? (
        <CancelSheet
        key={cancelling.id}
        enrollment={cancelling}
        onClose={() => setCancelling(null)}
        onCancelled={(next) => {
          replace(next)
          setCancelling(null)
          void Taro.showToast({ title: '已取消报名', icon: 'success', duration: 1500 })
        }}
      />
      ) : null}
      {qrFor ? <CheckInSheet key={qrFor.id} enrollment={qrFor} onClose={() => setQrFor(null)} /> : null}
    </View>
  )
}

function CancelSheet({ enrollment, onClose, onCancelled }: { enrollment: Enrollment; onClose: () => void; onCancelled: (e: Enrollment) => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const confirm = async () => {
    setBusy(true)
    setError('')
    try {
      const { enrollment: next } = await cancelEnrollment(enrollment.id, { silent: true })
      onCancelled(next)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Sheet
      id="cancel-sheet"
      title="确定取消报名吗？"
      open
      onClose={onClose}
      footer={
        <>
          <Button id="cancel-keep" size="xlarge" fill="outline" disabled={busy} onClick={onClose}>
            不取消
          </Button>
          <Button id="cancel-confirm" type="danger" size="xlarge" loading={busy} onClick={() => void confirm()}>
            确定取消
          </Button>
        </>
      }
    >
      <Text className="enrolment__sheet-title">{enrollment.class.project.title}</Text>
      <Text className="enrolment__sheet-text">{enrollment.class.name}</Text>
      <Text className="enrolment__sheet-text">
        {enrollment.status === 'waitlisted' ? '取消后您会离开候补名单。' : '取消后这个名额会让给候补的人，想再上需要重新报名。'}
      </Text>
      {error ? (
        <Text className="enrolment__error" id="cancel-error">
          {error}
        </Text>
      ) : null}
    </Sheet>
  )
}

function CheckInSheet({ enrollment, onClose }: { enrollment: Enrollment; onClose: () => void }) {
  const qr = useLoad(enrollment.id, () => getCheckInToken(enrollment.id, { silent: true }))
  const refresh = qr.reload

  // A code is valid for 10 minutes: fetch a new one shortly before it runs out.
  const expiresAt = qr.status === 'ready' ? qr.data.expiresAt : null
  useEffect(() => {
    if (!expiresAt) return
    const timer = setTimeout(refresh, Math.max(5_000, new Date(expiresAt).getTime() - Date.now() - 30_000))
    return () => clearTimeout(timer)
  }, [expiresAt, refresh])
  return (
    <Sheet id="checkin-sheet" title="签到码" open onClose={onClose}>
      <View className="checkin">
        <Text className="checkin__title">{enrollment.class.project.title}</Text>
        {qr.status === 'loading' ? (
          <LoadingState text="正在生成签到码…" />
        ) : qr.status === 'error' ? (
          <ErrorState message={qr.message} onRetry={refresh} />
        ) : (
          <>
            <Image className="checkin__qr" id="checkin-qr" src={qr.data.qrcode} mode="aspectFit" />
            <Text className="checkin__text">上课时把这个码给培训机构工作人员扫一下，就签到了。</Text>
            <Text className="checkin__expires">有效到 {formatDateTime(qr.data.expiresAt).split(' ')[1]}，过期会自动更新</Text>
          </>
        )}
      </View>
    </Sheet>
  )
}
