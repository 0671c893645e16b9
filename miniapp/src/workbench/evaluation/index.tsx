import { useState } from 'react'
import { Input, Switch, Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import {
  EVALUATION_OUTCOMES,
  EVALUATION_REGISTRATION_STATUSES,
  type CertificateImportReport,
  type EvaluationCandidate,
  type EvaluationCandidates,
  type EvaluationOutcome,
  type EvaluationSessionItem,
  type RecordResultsResult,
} from '@jz/shared'
import { Tag } from '../../components/Tag'
import { EmptyState, ErrorState, LoadingState } from '../../components/states'
import { errorMessage, getEvaluationCandidates, importCertificates, listInstitutionEvaluationSessions, recordEvaluationResults } from '../../services/api'
import { levelShort } from '../../services/catalog'
import { formatDateTime } from '../../services/format'
import { useLoad } from '../../services/load'
import { useSession } from '../../services/session'
import '../../components/FormField.css'
import './index.css'

const IMPORT_HEADER = '证书编号,姓名,证件类型,证件号码,职业编码,工种/职业方向,等级,发证日期'
const OUTCOMES = Object.entries(EVALUATION_OUTCOMES) as [EvaluationOutcome, string][]

export default function EvaluationBenchPage() {
  const session = useSession()
  const scope = session.user?.roles.find((r) => r.role === 'evaluator_staff')?.scope ?? null
  const [picked, setPicked] = useState<EvaluationSessionItem | null>(null)

  if (picked) return <SessionDesk item={picked} onBack={() => setPicked(null)} />
  return (
    <View className="page" id="bench-evaluation-page">
      {scope ? (
        <SessionList institution={scope} onPick={setPicked} />
      ) : (
        <View className="card">
          <EmptyState title="没有对应的评价机构" text="您的账号没有关联评价机构，无法查看评价场次。" />
        </View>
      )}
      <CertificateImport />
    </View>
  )
}

function SessionList({ institution, onPick }: { institution: string; onPick: (s: EvaluationSessionItem) => void }) {
  const sessions = useLoad(institution, () => listInstitutionEvaluationSessions({ silent: true }))
  return (
    <View className="card" id="bench-eval-sessions">
      <Text className="card__title">评价场次</Text>
      {sessions.status === 'loading' ? (
        <LoadingState text="正在读取评价场次…" />
      ) : sessions.status === 'error' ? (
        <ErrorState message={sessions.message} onRetry={sessions.reload} />
      ) : sessions.data.items.every((s) => s.status === 'draft') ? (
        <EmptyState title="还没有评价场次" text="本机构发布的评价场次会显示在这里。" />
      ) : (
        // Drafts have no candidates yet; they are managed on the 评价场次 page.
        sessions.data.items
          .filter((s) => s.status !== 'draft')
          .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
          .map((s) => (
            <View key={s.id} className="bench-eval__session" id={`bench-eval-session-${s.code}`} onClick={() => onPick(s)}>
              <View className="bench-eval__session-main">
                <Text className="bench-eval__session-title">
                  {s.occupation.name} · {levelShort(s.level)}
                </Text>
                <Text className="bench-eval__line">
                  {formatDateTime(s.startsAt)} · {s.place}
                </Text>
                <Text className="bench-eval__line">
                  {s.code} · 名额 {s.capacity}，剩余 {s.seatsLeft}
                </Text>
              </View>
              <Text className="bench-eval__chevron">›</Text>
            </View>
          ))
      )}
    </View>
  )
}

interface Draft {
  outcome: EvaluationOutcome | null
  score: string
}

const draftOf = (c: EvaluationCandidate): Draft => ({
  outcome: c.result?.outcome ?? null,
  score: c.result?.score === null || c.result?.score === undefined ? '' : String(c.result.score),
})

function SessionDesk({ item, onBack }: { item: EvaluationSessionItem; onBack: () => void }) {
  const candidates = useLoad(item.id, () => getEvaluationCandidates(item.id, { silent: true }))
  return (
    <View className="page" id="bench-evaluation-page">
      <View className="card">
        <Text className="bench-eval__title">
          {item.occupation.name} · {levelShort(item.level)}
        </Text>
        <Text className="card__text">
          {formatDateTime(item.startsAt)} · {item.place}
        </Text>
        <View className="bench-eval__switch" id="bench-eval-back" onClick={onBack}>
          <Text>换一个场次</Text>
        </View>
      </View>
      {candidates.status === 'loading' ? (
        <LoadingState text="正在读取考生名单…" />
      ) : candidates.status === 'error' ? (
        <ErrorState message={candidates.message} onRetry={candidates.reload} />
      ) : (
        <ResultDesk key={candidates.data.items.map((c) => c.result?.recordedAt ?? '').join()} data={candidates.data} onSaved={candidates.reload} />
      )}
    </View>
  )
}

function ResultDesk({ data, onSaved }: { data: EvaluationCandidates; onSaved: () => void }) {
  const active = data.items.filter((c) => c.status !== 'cancelled')
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() => Object.fromEntries(active.map((c) => [c.registrationId, draftOf(c)])))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [saved, setSaved] = useState<RecordResultsResult | null>(null)

  const changed = active.filter((c) => {
    const d = drafts[c.registrationId]
    const before = draftOf(c)
    return d && d.outcome && (d.outcome !== before.outcome || d.score.trim() !== before.score)
  })

  const set = (id: string, patch: Partial<Draft>) => setDrafts((all) => ({ ...all, [id]: { ...all[id]!, ...patch } }))

  const submit = async () => {
    const results: Array<{ registrationId: string; outcome: EvaluationOutcome; score?: number }> = []
    for (const c of changed) {
      const d = drafts[c.registrationId]!
      const text = d.score.trim()
      const score = text === '' ? undefined : Number(text)
      if (score !== undefined && (!Number.isFinite(score) || score < 0 || score > 100)) {
        setError(`${c.name}：分数应为0到100之间的数字`)
        return
      }
      results.push({ registrationId: c.registrationId, outcome: d.outcome!, ...(score === undefined ? {} : { score }) })
    }
    if (!results.length) {
      setError('没有改动的成绩')
      return
    }
    setBusy(true)
    setError('')
    try {
      const answer = await recordEvaluationResults(data.session.id, results, { silent: true })
      setSaved(answer)
      onSaved()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card" id="bench-eval-candidates">
      <Text className="card__title">考生（{active.length} 人）</Text>
      {data.canRecordResults ? null : <Text className="card__text">现在还不能录入成绩（评价开始后才能录入）。</Text>}
      {active.length === 0 ? <Text className="card__text">还没有考生报名。</Text> : null}
      {active.map((c) => {
        const d = drafts[c.registrationId] ?? draftOf(c)
        const outcome = saved?.results.find((r) => r.registrationId === c.registrationId)
        const certificateNo = outcome?.certificate?.certificateNo ?? c.result?.certificateNo ?? null
        return (
          <View key={c.registrationId} className="bench-eval__person" id={`bench-eval-${c.registrationId}`}>
            <View className="bench-eval__person-head">
              <View className="bench-eval__person-main">
                <Text className="bench-eval__person-name">{c.name}</Text>
                <Text className="bench-eval__line">
                  {c.idNumberMasked} · {c.basis === 'self_study' ? '自学考生' : '培训考生'}
                </Text>
              </View>
              <Tag tone={c.status === 'evaluated' ? 'green' : 'grey'}>{EVALUATION_REGISTRATION_STATUSES[c.status]}</Tag>
            </View>
            <View className="bench-eval__segments">
              {OUTCOMES.map(([value, label]) => (
                <View
                  key={value}
                  className={`bench-eval__segment${d.outcome === value ? ' bench-eval__segment--on' : ''}`}
                  id={`bench-eval-${c.registrationId}-${value}`}
                  onClick={() => set(c.registrationId, { outcome: value })}
                >
                  <Text>{label}</Text>
                </View>
              ))}
            </View>
            <Input
              className="field__control field__input bench-eval__score"
              type="digit"
              placeholder="分数（可不填）"
              placeholderClass="field__input-placeholder"
              value={d.score}
              onInput={(e) => set(c.registrationId, { score: e.detail.value })}
            />
            {certificateNo ? <Text className="bench-eval__cert">证书编号 {certificateNo}</Text> : null}
            {outcome ? <Text className="bench-eval__line">{outcome.changed ? `已录入：${EVALUATION_OUTCOMES[outcome.outcome]}` : '成绩没有变化'}</Text> : null}
          </View>
        )
      })}
      {active.length ? (
        <Button className="btn-block" id="bench-eval-submit" type="primary" size="xlarge" block loading={busy} onClick={() => void submit()}>
          提交成绩{changed.length ? `（${changed.length} 人）` : ''}
        </Button>
      ) : null}
      {error ? (
        <Text className="bench-eval__error" id="bench-eval-error">
          {error}
        </Text>
      ) : null}
      {saved ? (
        <View className="bench-eval__ok" id="bench-eval-saved">
          <Text className="bench-eval__ok-title">
            已录入 {saved.recorded} 人，未变化 {saved.unchanged} 人
          </Text>
        </View>
      ) : null}
    </View>
  )
}

function CertificateImport() {
  const [csv, setCsv] = useState('')
  const [partial, setPartial] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [report, setReport] = useState<CertificateImportReport | null>(null)

  const submit = async () => {
    if (!csv.trim()) {
      setError('请粘贴 CSV 内容（第一行是表头）')
      return
    }
    setBusy(true)
    setError('')
    setReport(null)
    try {
      setReport(await importCertificates(csv.trim() + '\n', { partial }, { silent: true }))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const summary = report?.import
  return (
    <View className="card" id="bench-import">
      <Text className="card__title">导入证书</Text>
      <Text className="card__text">粘贴 CSV 内容，第一行是表头，例如：</Text>
      <Text className="bench-eval__example" userSelect>
        {IMPORT_HEADER}
      </Text>
      <Textarea
        id="bench-import-csv"
        className="field__control bench-eval__csv"
        placeholder={IMPORT_HEADER}
        placeholderClass="field__input-placeholder"
        maxlength={-1}
        value={csv}
        onInput={(e) => setCsv(e.detail.value)}
      />
      <View className="bench-eval__partial">
        <View className="bench-eval__partial-text">
          <Text className="bench-eval__person-name">部分导入</Text>
          <Text className="bench-eval__line">{partial ? '只写入合格的行，跳过有问题的行' : '有一行不合格就全部不写入'}</Text>
        </View>
        <Switch id="bench-import-partial" checked={partial} color="#1a5fd0" onChange={(e) => setPartial(e.detail.value)} />
      </View>
      <Button className="btn-block" id="bench-import-submit" type="primary" size="xlarge" block loading={busy} onClick={() => void submit()}>
        导入
      </Button>
      {error ? (
        <Text className="bench-eval__error" id="bench-import-error">
          {error}
        </Text>
      ) : null}
      {summary && report ? (
        <View className="bench-eval__report" id="bench-import-report">
          <Text className="bench-eval__ok-title" id="bench-import-status">
            {summary.status === 'committed' ? '导入完成' : summary.status === 'rejected' ? '没有导入' : '正在接收'}
          </Text>
          <View className="bench-eval__totals">
            <Total id="bench-import-rows" label="接收" value={summary.rows} />
            <Total id="bench-import-accepted" label="通过" value={summary.accepted} />
            <Total id="bench-import-rejected" label="拒绝" value={summary.rejected} />
            <Total id="bench-import-imported" label="已写入" value={summary.imported} />
          </View>
          {report.rejected.length ? (
            <View id="bench-import-rejections">
              <View className="bench-eval__reject bench-eval__reject--head">
                <Text className="bench-eval__reject-row">行号</Text>
                <Text className="bench-eval__reject-no">证书编号</Text>
                <Text className="bench-eval__reject-reason">原因</Text>
              </View>
              {report.rejected.map((r) => (
                <View key={`${r.row}-${r.certificateNo}`} className="bench-eval__reject" id={`bench-import-row-${r.row}`}>
                  <Text className="bench-eval__reject-row">{r.row}</Text>
                  <Text className="bench-eval__reject-no">{r.certificateNo || '—'}</Text>
                  <Text className="bench-eval__reject-reason">{r.reason}</Text>
                </View>
              ))}
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}

function Total({ id, label, value }: { id: string; label: string; value: number }) {
  return (
    <View className="bench-eval__total" id={id}>
      <Text className="bench-eval__total-value">{value}</Text>
      <Text className="bench-eval__total-label">{label}</Text>
    </View>
  )
}
