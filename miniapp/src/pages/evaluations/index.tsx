import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { EVALUATION_OUTCOMES, EVALUATION_REGISTRATION_STATUSES, levelLabel } from '@jz/shared'
import type { EvaluationSessionItem } from '@jz/shared'
import { Sheet } from '../../components/Sheet'
import { EnrollmentStateTag, Tag } from '../../components/Tag'
import { EmptyState, ErrorState, LoadingState } from '../../components/states'
import { errorMessage, isApiError, listEvaluationSessions, listMyEvaluations, signUpForEvaluation } from '../../services/api'
import { newIdempotencyKey } from '../../services/enrollment'
import { formatDateTime, formatFee } from '../../services/format'
import { useLoad } from '../../services/load'
import { openLogin } from '../../services/navigation'
import { getSessionState, refreshSession, useSession } from '../../services/session'
import { offerSubscription } from '../../services/subscribe'
import './index.css'

/** 评价报名: upcoming skill evaluation sittings, and my sign-ups with their results. */
export default function EvaluationsPage() {
  const session = useSession()
  const [tick, setTick] = useState(0)
  const [signingUp, setSigningUp] = useState<EvaluationSessionItem | null>(null)
  useDidShow(() => {
    void session.refresh()
  })

  const sessions = useLoad(`sessions:${tick}`, () => listEvaluationSessions({ limit: 50 }, { silent: true }))
  const mine = useLoad(session.loggedIn ? `mine:${tick}` : null, () => listMyEvaluations({ silent: true }))

  const startSignUp = async (s: EvaluationSessionItem) => {
    await refreshSession()
    if (getSessionState().status !== 'signedIn') {
      openLogin()
      return
    }
    setSigningUp(s)
  }

  return (
    <View className="page evals" id="evaluations-page">
      {session.loggedIn && mine.status === 'ready' && mine.data.items.length > 0 ? (
        <>
          <Text className="section-title">我的评价报名</Text>
          {mine.data.items.map((r) => (
            <View key={r.id} className="card evals__item" id={`my-evaluation-${r.id}`}>
              <View className="evals__head">
                <Tag tone={r.status === 'cancelled' ? 'grey' : 'green'}>{EVALUATION_REGISTRATION_STATUSES[r.status]}</Tag>
                {r.result ? <Tag tone={r.result.outcome === 'pass' ? 'green' : 'red'}>{EVALUATION_OUTCOMES[r.result.outcome]}</Tag> : null}
              </View>
              <Text className="evals__title">
                {r.session.occupation.name} · {levelLabel(r.session.level) ?? ''}
              </Text>
              <Text className="evals__line">{formatDateTime(r.session.startsAt)} 开考</Text>
              <Text className="evals__line">
                {r.session.districtName} · {r.session.place}
              </Text>
              {r.certificate ? <Text className="evals__line">证书编号 {r.certificate.certificateNo}</Text> : null}
            </View>
          ))}
        </>
      ) : null}

      <Text className="section-title">近期评价场次</Text>
      {sessions.status === 'loading' ? (
        <LoadingState />
      ) : sessions.status === 'error' ? (
        <ErrorState message={sessions.message} onRetry={sessions.reload} />
      ) : sessions.data.items.length === 0 ? (
        <View className="card" id="evaluations-empty">
          <EmptyState title="近期没有可报名的评价场次" text="新的场次发布后会显示在这里。" />
        </View>
      ) : (
        sessions.data.items.map((s) => (
          <View key={s.id} className="card evals__item" id={`evaluation-session-${s.id}`}>
            <View className="evals__head">
              <EnrollmentStateTag state={s.signup} />
              <Text className="evals__fee">{formatFee(s.fee)}</Text>
            </View>
            <Text className="evals__title">
              {s.occupation.name} · {levelLabel(s.level) ?? ''}
            </Text>
            <Text className="evals__line">{formatDateTime(s.startsAt)} 开考</Text>
            <Text className="evals__line">
              {s.districtName} · {s.place}
            </Text>
            <Text className="evals__line">
              {s.institution.name} · 剩余 {s.seatsLeft} 个名额
            </Text>
            <Text className="evals__line">报名截止 {formatDateTime(s.signupClosesAt)}</Text>
            {s.signup === 'open' ? (
              <Button className="evals__button" id={`evaluation-signup-${s.id}`} type="primary" size="large" block onClick={() => void startSignUp(s)}>
                报名参加评价
              </Button>
            ) : null}
          </View>
        ))
      )}

      {signingUp ? (
        <SignUpSheet
          key={signingUp.id}
          session={signingUp}
          onClose={() => setSigningUp(null)}
          onDone={() => {
            setSigningUp(null)
            setTick((t) => t + 1)
            void Taro.showToast({ title: '报名成功', icon: 'success', duration: 1500 })
          }}
        />
      ) : null}
    </View>
  )
}

function SignUpSheet({ session: s, onClose, onDone }: { session: EvaluationSessionItem; onClose: () => void; onDone: () => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const key = useRef<string | null>(null)

  const confirm = async () => {
    setBusy(true)
    setError('')
    key.current ??= newIdempotencyKey()
    try {
      await signUpForEvaluation(s.id, key.current, { silent: true })
      onDone()
      void offerSubscription('evaluationSignedUp')
    } catch (e) {
      // Only a lost answer is retried with the same key; a refusal starts over.
      if (!isApiError(e) || e.status !== 0) key.current = null
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Sheet
      id="evaluation-sheet"
      title="确认报名评价"
      open
      onClose={onClose}
      footer={
        <>
          <Button id="evaluation-cancel" size="xlarge" fill="outline" disabled={busy} onClick={onClose}>
            再想想
          </Button>
          <Button id="evaluation-confirm" type="primary" size="xlarge" loading={busy} onClick={() => void confirm()}>
            确认报名
          </Button>
        </>
      }
    >
      <Text className="evals__title">
        {s.occupation.name} · {levelLabel(s.level) ?? ''}
      </Text>
      <Text className="evals__line">{formatDateTime(s.startsAt)} 开考</Text>
      <Text className="evals__line">
        {s.districtName} · {s.place}
      </Text>
      <Text className="evals__line">费用：{formatFee(s.fee)}</Text>
      {error ? (
        <Text className="evals__error" id="evaluation-error">
          {error}
        </Text>
      ) : null}
    </Sheet>
  )
}
