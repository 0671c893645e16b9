import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { ENROLLMENT_STATUSES, beijingToday, type CheckInResult, type CompletionResult, type Roster } from '@jz/shared'
import { ChoiceBox } from '../../components/FormField'
import { OptionSheet } from '../../components/OptionSheet'
import { Tag } from '../../components/Tag'
import { ErrorState, LoadingState } from '../../components/states'
import { checkIn, completeClass, errorMessage, getRoster, listInstitutions } from '../../services/api'
import { formatDay, weekday } from '../../services/format'
import { useLoad } from '../../services/load'
import { scanQrCode, supportsScan } from '../../services/platform-device'
import { useSession } from '../../services/session'
import { ClassPicker, type PickedClass } from '../components/ClassPicker'
import '../../components/FormField.css'
import './index.css'

export default function InstitutionClassPage() {
  const session = useSession()
  const [picked, setPicked] = useState<PickedClass | null>(null)
  const scope = session.user?.roles.find((r) => r.role === 'institution_staff')?.scope ?? null
  // Start the search from the staff's own institution (its name finds its projects).
  const own = useLoad(scope, () => listInstitutions({ kind: 'training' }, { limit: 50 }, { silent: true }))
  const ownName = own.status === 'ready' ? own.data.items.find((i) => i.code === scope)?.name : undefined

  if (!picked) {
    if (scope && own.status === 'loading') {
      return (
        <View className="page">
          <LoadingState />
        </View>
      )
    }
    return (
      <View className="page" id="bench-class-page">
        <Text className="bench-class__intro">选择本机构的一个班次。</Text>
        <ClassPicker initialQuery={ownName ?? ''} onPick={setPicked} />
      </View>
    )
  }
  return <ClassDesk picked={picked} onBack={() => setPicked(null)} />
}

function ClassDesk({ picked, onBack }: { picked: PickedClass; onBack: () => void }) {
  const roster = useLoad(picked.cls.id, () => getRoster(picked.cls.id, { silent: true }))
  return (
    <View className="page" id="bench-class-page">
      <View className="card">
        <Text className="bench-class__title">{picked.project.title}</Text>
        <Text className="card__text">{picked.cls.name}</Text>
        <View className="bench-class__switch" onClick={onBack}>
          <Text>换一个班次</Text>
        </View>
      </View>
      {roster.status === 'loading' ? (
        <LoadingState text="正在读取花名册…" />
      ) : roster.status === 'error' ? (
        <ErrorState message={roster.message} onRetry={roster.reload} />
      ) : (
        <>
          <CheckInDesk roster={roster.data} onCheckedIn={roster.reload} />
          <RosterList roster={roster.data} />
          <Completion roster={roster.data} onDone={roster.reload} />
        </>
      )}
    </View>
  )
}

/** The session day to check in for: today when it is one, else the latest past one, else the first. */
function defaultSessionDate(dates: string[]): string {
  const today = beijingToday()
  if (dates.includes(today)) return today
  const past = dates.filter((d) => d < today)
  return past[past.length - 1] ?? dates[0] ?? today
}

function CheckInDesk({ roster, onCheckedIn }: { roster: Roster; onCheckedIn: () => void }) {
  const [date, setDate] = useState(() => defaultSessionDate(roster.sessionDates))
  const [picking, setPicking] = useState(false)
  const [token, setToken] = useState('')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<CheckInResult | null>(null)
  const [error, setError] = useState('')

  const submit = async (value: string) => {
    const t = value.trim()
    if (!t) {
      setError('请扫描或输入学员的签到码')
      return
    }
    setBusy(true)
    setError('')
    setResult(null)
    try {
      setResult(await checkIn({ token: t, sessionDate: date, classId: roster.class.id }, { silent: true }))
      setToken('')
      onCheckedIn()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const scan = async () => {
    const scanned = await scanQrCode()
    if (scanned?.result) await submit(scanned.result)
  }

  return (
    <View className="card" id="bench-checkin">
      <Text className="card__title">签到</Text>
      <Text className="bench-class__label">上课日期</Text>
      <ChoiceBox id="bench-session-date" label={`${formatDay(date)} ${weekday(date)}`} placeholder="选择上课日期" onOpen={() => setPicking(true)} />
      {supportsScan ? (
        <Button className="btn-block" id="bench-scan" type="primary" size="xlarge" block loading={busy} onClick={() => void scan()}>
          扫学员签到码
        </Button>
      ) : (
        <>
          <Text className="bench-class__label">签到码</Text>
          <Input
            id="bench-token"
            className="field__control field__input"
            placeholder="用扫码枪扫描，或粘贴签到码"
            placeholderClass="field__input-placeholder"
            value={token}
            onInput={(e) => setToken(e.detail.value)}
            onConfirm={(e) => void submit(e.detail.value)}
          />
          <Button className="btn-block" id="bench-checkin-submit" type="primary" size="xlarge" block loading={busy} onClick={() => void submit(token)}>
            签到
          </Button>
        </>
      )}
      {error ? (
        <Text className="bench-class__error" id="bench-checkin-error">
          {error}
        </Text>
      ) : null}
      {result ? (
        <View className="bench-class__ok" id="bench-checkin-result">
          <Text className="bench-class__ok-title">{result.status === 'checked_in' ? '签到成功' : '这节课已经签过到了'}</Text>
          <Text className="bench-class__ok-text">
            {result.person ? `${result.person.name}（${result.person.idNumberMasked}）` : ''} 已出勤 {result.attended} / {result.sessions} 次
          </Text>
        </View>
      ) : null}
      <OptionSheet
        name="session-date"
        title="选择上课日期"
        options={roster.sessionDates.map((d) => ({ value: d, label: `${formatDay(d)} ${weekday(d)}` }))}
        value={date}
        open={picking}
        columns={1}
        onSelect={(d) => {
          setDate(d)
          setPicking(false)
        }}
        onClose={() => setPicking(false)}
      />
    </View>
  )
}

function RosterList({ roster }: { roster: Roster }) {
  const sessions = roster.sessionDates.length
  return (
    <View className="card" id="bench-roster">
      <Text className="card__title">
        花名册（已报名 {roster.items.filter((r) => r.status === 'enrolled' || r.status === 'completed').length} 人，共 {roster.class.capacity} 个名额）
      </Text>
      {roster.items.length === 0 ? <Text className="card__text">还没有人报名。</Text> : null}
      {roster.items.map((r) => (
        <View key={r.enrollmentId} className="bench-class__person">
          <View className="bench-class__person-main">
            <Text className="bench-class__person-name">{r.name ?? '（未实名）'}</Text>
            <Text className="bench-class__person-line">
              {r.mobileMasked ?? ''} · 出勤 {r.attended}/{sessions}
            </Text>
          </View>
          <Tag tone={r.status === 'enrolled' ? 'green' : r.status === 'waitlisted' ? 'orange' : 'grey'}>
            {r.status === 'waitlisted' && r.position ? `候补第${r.position}位` : ENROLLMENT_STATUSES[r.status]}
          </Tag>
        </View>
      ))}
    </View>
  )
}

function Completion({ roster, onDone }: { roster: Roster; onDone: () => void }) {
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<CompletionResult | null>(null)
  const [error, setError] = useState('')
  const finished = roster.class.endDate < beijingToday()
  const threshold = Math.round(roster.settings.attendanceThreshold * 100)

  const complete = async () => {
    setBusy(true)
    setError('')
    try {
      setResult(await completeClass(roster.class.id, { silent: true }))
      onDone()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card" id="bench-completion">
      <Text className="card__title">结业</Text>
      <Text className="card__text">
        出勤达到 {threshold}% 的学员办理结业。{finished ? '' : `班次 ${formatDay(roster.class.endDate)} 结束，之后才能办理。`}
      </Text>
      <Button className="btn-block" id="bench-complete" type="primary" size="xlarge" block disabled={!finished} loading={busy} onClick={() => void complete()}>
        办理结业
      </Button>
      {error ? <Text className="bench-class__error">{error}</Text> : null}
      {result ? (
        <View className="bench-class__ok" id="bench-completion-result">
          <Text className="bench-class__ok-title">本次结业 {result.completed} 人，累计 {result.completedTotal} 人</Text>
          {result.belowThreshold.map((b) => (
            <Text key={b.enrollmentId} className="bench-class__ok-text">
              {b.name ?? '学员'}：出勤 {Math.round(b.attendanceRate * 100)}%，未达到要求
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  )
}
