import { useCallback, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { SUBSIDY_STATUSES } from '@jz/shared'
import type { OwnSubsidyApplication, SubsidyStatus } from '@jz/shared'
import { Tag, type TagTone } from '../../components/Tag'
import { EmptyState, ErrorState, LoadingState, SignInRequired } from '../../components/states'
import { errorMessage, listMySubsidies } from '../../services/api'
import { formatDay, formatNumber } from '../../services/format'
import { openLogin, openTab } from '../../services/navigation'
import { getSessionState, refreshSession, useSession } from '../../services/session'
import './index.css'

type Loaded = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; items: OwnSubsidyApplication[] }

const TONE: Record<SubsidyStatus, TagTone> = {
  submitted: 'blue',
  under_review: 'orange',
  approved: 'green',
  publicised: 'green',
  paid: 'green',
  rejected: 'red',
  withdrawn: 'grey',
}

/** 我的补贴: each application with its tracker 提交 → 区级初审 → 审核通过 → 公示 → 发放. */
export default function MySubsidiesPage() {
  const session = useSession()
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })

  const load = useCallback(async () => {
    await refreshSession()
    if (getSessionState().status !== 'signedIn') return
    try {
      const { items } = await listMySubsidies({ silent: true })
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

  if (session.status === 'signedOut') {
    return <SignInRequired text="登录后可以查看补贴申请的进度。" id="subsidies-login" onLogin={openLogin} />
  }
  if (loaded.status === 'loading') {
    return (
      <View className="page">
        <LoadingState text="正在读取补贴申请…" />
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
        <View className="card" id="subsidies-empty">
          <EmptyState title="还没有申请补贴" text="拿到职业技能等级证书后，在证书详情里点“申请补贴”。">
            <Button className="btn-block" type="primary" size="xlarge" block onClick={() => openTab('certificates')}>
              去看我的证书
            </Button>
          </EmptyState>
        </View>
      </View>
    )
  }

  return (
    <View className="page" id="subsidies-page">
      {loaded.items.map((a) => (
        <View key={a.id} className="card subsidy-app" id={`subsidy-${a.id}`}>
          <View className="subsidy-app__head">
            <Tag tone={TONE[a.status]} id={`subsidy-status-${a.id}`}>
              {SUBSIDY_STATUSES[a.status]}
            </Tag>
            <Text className="subsidy-app__amount">{formatNumber(a.amount)} 元</Text>
          </View>
          <Text className="subsidy-app__title">{a.occupation.name}</Text>
          <Text className="subsidy-app__line">证书编号 {a.certificate.certificateNo}</Text>
          <Text className="subsidy-app__line">收款账户 {a.bankAccountMasked}</Text>
          {a.status === 'rejected' && a.rejectReason ? (
            <Text className="subsidy-app__reason" id={`subsidy-reason-${a.id}`}>
              未通过的原因：{a.rejectReason}
            </Text>
          ) : null}
          <View className="tracker" id={`subsidy-progress-${a.id}`}>
            {a.progress.map((p) => (
              <View key={p.key} className={`tracker__step tracker__step--${p.state}`} id={`subsidy-step-${a.id}-${p.key}`}>
                <View className="tracker__dot">
                  <Text>{p.state === 'done' ? '✓' : p.state === 'failed' ? '✕' : ''}</Text>
                </View>
                <View className="tracker__body">
                  <Text className="tracker__label">{p.label}</Text>
                  {p.date ? <Text className="tracker__date">{formatDay(p.date)}</Text> : null}
                  {p.note ? <Text className="tracker__note">{p.note}</Text> : null}
                </View>
              </View>
            ))}
          </View>
        </View>
      ))}
    </View>
  )
}
