import { useCallback, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { ClassDetail, Enrollment } from '@jz/shared'
import { Sheet } from '../../components/Sheet'
import { EnrollmentStateTag } from '../../components/Tag'
import { ErrorState, LoadingState } from '../../components/states'
import { getClass, listMyEnrollments } from '../../services/api'
import { useLoad } from '../../services/load'
import { isActive, refusalAction, statusHint, statusText } from '../../services/enrollment'
import { formatDateTime, formatDay, formatDayRange, formatFee, weekday } from '../../services/format'
import { openPage, openProject } from '../../services/navigation'
import { mapLink, openMap } from '../../services/platform-device'
import { currentStationCode, useRouteTarget } from '../../services/referral'
import { getSessionState, useSession } from '../../services/session'
import { offerSubscription } from '../../services/subscribe'
import { useEnrollFlow } from '../../services/useEnroll'
import '../../components/detail.css'
import './index.css'

const SESSIONS_SHOWN = 5

export default function ClassPage() {
  const target = useRouteTarget('class')
  const id = target.status === 'ready' ? target.id : null
  const session = useSession()
  const loaded = useLoad(id, () => getClass(id ?? '', { silent: true }))
  const reloadClass = loaded.reload
  /** The signed-in person's place in this class, if they hold one. */
  const [mine, setMine] = useState<{ userId: string; enrollment: Enrollment | null } | null>(null)
  const [allSessions, setAllSessions] = useState(false)

  const loadMine = useCallback(() => {
    const user = getSessionState().user
    if (!id || !user) return
    listMyEnrollments('active', { silent: true, loginOn401: false })
      .then(({ items }) => setMine({ userId: user.id, enrollment: items.find((e) => e.classId === id && isActive(e)) ?? null }))
      .catch(() => undefined)
  }, [id])

  const onEnrolled = useCallback(
    (e: Enrollment) => {
      const user = getSessionState().user
      if (user) setMine({ userId: user.id, enrollment: e })
      reloadClass()
      void offerSubscription('enrolled')
    },
    [reloadClass],
  )
  const flow = useEnrollFlow(id ?? undefined, onEnrolled)

  useDidShow(() => {
    loadMine()
    flow.onShow()
  })
  const myPlace = session.user && mine?.userId === session.user.id ? mine.enrollment : null

  if (target.status === 'error') {
    return (
      <View className="page">
        <ErrorState message={target.message} />
      </View>
    )
  }
  if (loaded.status === 'error') {
    return (
      <View className="page">
        <ErrorState message={loaded.message} onRetry={loaded.reload} />
      </View>
    )
  }
  if (loaded.status === 'loading') {
    return (
      <View className="page">
        <LoadingState />
      </View>
    )
  }

  const cls = loaded.data.class
  const sessions = allSessions ? cls.sessions : cls.sessions.slice(0, SESSIONS_SHOWN)
  const venue = !cls.online && cls.lat !== null && cls.lng !== null ? { lat: cls.lat, lng: cls.lng, name: cls.institution.name, address: cls.address } : null
  const referred = currentStationCode()

  return (
    <View className="page detail" id="class-page">
      <View className="card">
        <View className="klass__project" onClick={() => openProject(cls.project.id)}>
          <Text className="klass__project-title" id="class-project-title">
            {cls.project.title}
          </Text>
          <Text className="klass__project-go">项目介绍 ›</Text>
        </View>
        <View className="klass__name-row">
          <Text className="klass__name" id="class-name">
            {cls.name}
          </Text>
          <EnrollmentStateTag state={cls.enrollment} />
        </View>
        <View className="klass__seats" id="class-seats">
          <View className="klass__seats-main">
            <Text className="klass__seats-label">剩余名额</Text>
            <Text className="klass__seats-value">{cls.seatsLeft}</Text>
            <Text className="klass__seats-label"> / 共{cls.capacity}个</Text>
          </View>
          <Text className="klass__fee">{formatFee(cls.fee)}</Text>
        </View>
        <Text className="detail__hint">
          报名时间：{formatDateTime(cls.enrollOpensAt)} 至 {formatDateTime(cls.enrollClosesAt)}
        </Text>
        {referred ? <Text className="klass__referral">您是通过就业服务站的二维码进来的，报名时会记录推荐的服务站。</Text> : null}
      </View>

      <View className="card" id="class-schedule">
        <Text className="card__title">上课时间</Text>
        <Text className="detail__text">{formatDayRange(cls.startDate, cls.endDate)}</Text>
        <Text className="detail__text">{cls.schedule}</Text>
        {cls.sessions.length ? (
          <>
            <Text className="detail__sub">共 {cls.sessions.length} 次课</Text>
            {sessions.map((s) => (
              <View key={`${s.date}-${s.start}`} className="klass__session">
                <Text className="klass__session-day">
                  {formatDay(s.date)} {weekday(s.date)}
                </Text>
                <Text className="klass__session-time">
                  {s.start}–{s.end}
                </Text>
              </View>
            ))}
            {cls.sessions.length > SESSIONS_SHOWN ? (
              <View className="klass__toggle" id="class-sessions-toggle" onClick={() => setAllSessions((v) => !v)}>
                <Text>{allSessions ? '收起' : `展开全部 ${cls.sessions.length} 次课`}</Text>
              </View>
            ) : null}
          </>
        ) : null}
      </View>

      <View className="card" id="class-place">
        <Text className="card__title">上课地点</Text>
        {cls.online ? (
          <Text className="detail__text">线上授课，报名后培训机构会告诉您上课方式。</Text>
        ) : (
          <>
            <Text className="detail__text">
              {cls.districtName} · {cls.address}
            </Text>
            {venue ? (
              <Button className="btn-block" id="class-open-map" type="primary" fill="outline" size="large" block onClick={() => openMap(venue)}>
                打开地图
              </Button>
            ) : null}
            {venue && mapLink(venue) ? <Text className="klass__map-note">将在新页面打开高德地图</Text> : null}
          </>
        )}
      </View>

      <View className="card">
        <Text className="card__title">培训机构</Text>
        <Text className="detail__org">{cls.institution.name}</Text>
        {cls.institution.contactPhone ? (
          <Button
            className="btn-block"
            id="class-call"
            fill="outline"
            size="large"
            block
            onClick={() => void Taro.makePhoneCall({ phoneNumber: cls.institution.contactPhone }).catch(() => undefined)}
          >
            打电话咨询 {cls.institution.contactPhone}
          </Button>
        ) : null}
      </View>

      <View className="detail__bottom" id="class-actions">
        {myPlace ? (
          <View className="klass__mine">
            <Text className="klass__mine-status" id="class-my-status">
              {statusText(myPlace)}
            </Text>
            <Button id="class-my-enrollments" type="primary" fill="outline" size="large" onClick={() => openPage('enrollments')}>
              查看我的报名
            </Button>
          </View>
        ) : cls.enrollment === 'open' || cls.enrollment === 'full' ? (
          <Button id="class-enroll" type="primary" size="xlarge" block loading={flow.state.step === 'checking'} onClick={() => void flow.start()}>
            {cls.enrollment === 'full' ? '名额已满，报名候补' : '立即报名'}
          </Button>
        ) : (
          <Button id="class-enroll" size="xlarge" block disabled>
            {cls.enrollment === 'not_open' ? `${formatDateTime(cls.enrollOpensAt)} 开始报名` : '报名已截止'}
          </Button>
        )}
      </View>

      <EnrollSheet cls={cls} flow={flow} />
    </View>
  )
}

function EnrollSheet({ cls, flow }: { cls: ClassDetail; flow: ReturnType<typeof useEnrollFlow> }) {
  const s = flow.state
  if (s.step === 'idle' || s.step === 'checking') return null

  if (s.step === 'profile') {
    return (
      <Sheet id="enroll-sheet" title="报名前请先完善资料" open onClose={flow.close}
        footer={
          <Button id="enroll-go-profile" type="primary" size="xlarge" onClick={flow.goToProfile}>
            去填写我的资料
          </Button>
        }
      >
        <Text className="enroll__text">报名需要核对身份，还缺这些信息：</Text>
        <View className="enroll__missing" id="enroll-missing">
          {s.missing.map((m) => (
            <Text key={m} className="enroll__missing-item">
              · {m}
            </Text>
          ))}
        </View>
        <Text className="enroll__note">填好后会回到这里继续报名。</Text>
      </Sheet>
    )
  }

  if (s.step === 'confirm' || s.step === 'submitting' || s.step === 'unsure') {
    return (
      <Sheet id="enroll-sheet" title="确认报名" open onClose={flow.close}
        footer={
          <Button id="enroll-confirm" type="primary" size="xlarge" loading={s.step === 'submitting'} onClick={() => void flow.submit()}>
            {s.step === 'unsure' ? '重试' : s.step === 'submitting' ? '正在报名…' : '确认报名'}
          </Button>
        }
      >
        {s.step === 'unsure' ? (
          <Text className="enroll__warn" id="enroll-unsure">
            {s.message}请点“重试”，不会重复报名。
          </Text>
        ) : null}
        <Text className="enroll__class">{cls.project.title}</Text>
        <Text className="enroll__text">{cls.name}</Text>
        <Text className="enroll__text">{formatDayRange(cls.startDate, cls.endDate)}，{cls.schedule}</Text>
        <Text className="enroll__text">{cls.online ? '线上授课' : `${cls.districtName} · ${cls.address}`}</Text>
        <Text className="enroll__text">费用：{formatFee(cls.fee)}</Text>
        {cls.seatsLeft <= 0 ? <Text className="enroll__warn">名额已满，报名后进入候补，有人取消时按顺序补上。</Text> : null}
      </Sheet>
    )
  }

  if (s.step === 'done') {
    const e = s.enrollment
    const waiting = e.status === 'waitlisted'
    return (
      <Sheet id="enroll-sheet" title={waiting ? '已进入候补' : '报名成功'} open onClose={flow.close}
        footer={
          <>
            <Button id="enroll-done-close" size="xlarge" fill="outline" onClick={flow.close}>
              好的
            </Button>
            <Button id="enroll-view-mine" type="primary" size="xlarge" onClick={() => {
                flow.close()
                openPage('enrollments')
              }}>
              我的报名
            </Button>
          </>
        }
      >
        <View className={`enroll__result${waiting ? ' enroll__result--wait' : ''}`}>
          <Text className="enroll__result-mark">{waiting ? '…' : '✓'}</Text>
          <Text className="enroll__result-status" id="enroll-result">
            {statusText(e)}
          </Text>
        </View>
        <Text className="enroll__text">{statusHint(e)}</Text>
        {e.referralStation ? <Text className="enroll__note">推荐服务站：{e.referralStation.name}</Text> : null}
      </Sheet>
    )
  }

  // refused
  const action = refusalAction(s.code)
  return (
    <Sheet id="enroll-sheet" title="没有报上" open onClose={flow.close}
      footer={
        action === 'profile' ? (
          <Button id="enroll-go-profile" type="primary" size="xlarge" onClick={flow.goToProfile}>
            查看我的资料
          </Button>
        ) : action === 'enrollments' ? (
          <Button id="enroll-view-mine" type="primary" size="xlarge" onClick={() => {
              flow.close()
              openPage('enrollments')
            }}>
            查看我的报名
          </Button>
        ) : action === 'otherClasses' ? (
          <Button id="enroll-other-classes" type="primary" size="xlarge" onClick={() => {
              flow.close()
              openProject(cls.project.id)
            }}>
            看看其他班次
          </Button>
        ) : (
          <Button id="enroll-done-close" type="primary" size="xlarge" onClick={flow.close}>
            知道了
          </Button>
        )
      }
    >
      <Text className="enroll__refusal" id="enroll-refusal">
        {s.message}
      </Text>
    </Sheet>
  )
}
