import { useMemo, useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { AUDIENCES, CATALOG_LEVELS, PROJECT_TYPES, PROPOSAL_STATUSES, levelLabel } from '@jz/shared'
import type { DemandItem, ProjectProposal, ProposalStatus } from '@jz/shared'
import { ChoiceBox, FormField } from '../../components/FormField'
import { OptionSheet } from '../../components/OptionSheet'
import { Segments } from '../../components/Segments'
import { Sheet } from '../../components/Sheet'
import { Tag } from '../../components/Tag'
import { EmptyState, ErrorState, LoadingState, NoAccess } from '../../components/states'
import { errorMessage, fieldErrorsOf, listDemands } from '../../services/api'
import { KEY_FIELDS } from '../../services/catalog'
import { formatDateTime } from '../../services/format'
import { useLoad, type Loaded } from '../../services/load'
import { optionLabel } from '../../services/profileForm'
import {
  EMPTY_PROPOSAL_FORM,
  PROPOSAL_FIELDS,
  proposalToForm,
  validateProposal,
  type ProposalFieldErrors,
  type ProposalFormValues,
} from '../../services/proposalForm'
import { createProposal, listMyProposals, moveProposal, updateProposal } from '../../services/proposals'
import { isInstitutionStaff } from '../../services/staff'
import { useSession } from '../../services/session'
import { PROPOSAL_TONE, ProposalFacts } from '../components/ProposalFacts'
import './index.css'

type Filter = ProposalStatus | ''
const FILTERS: { value: Filter; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'draft', label: '草稿' },
  { value: 'submitted', label: '待审核' },
  { value: 'returned', label: '已退回' },
  { value: 'published', label: '已发布' },
  { value: 'withdrawn', label: '已撤回' },
]

const TYPE_OPTIONS = Object.entries(PROJECT_TYPES).map(([value, label]) => ({ value, label }))
const LEVEL_OPTIONS = CATALOG_LEVELS.map((l) => ({ value: l, label: levelLabel(l) ?? l }))
const FIELD_OPTIONS = KEY_FIELDS.map((f) => ({ value: f.code, label: f.name }))
const MODE_OPTIONS = [
  { value: 'offline', label: '线下' },
  { value: 'online', label: '线上' },
  { value: 'blended', label: '线上线下' },
]
const FUNDING_OPTIONS = [
  { value: 'subsidised', label: '政府补贴' },
  { value: 'fee', label: '自费' },
]

type Editing = { id?: string; values: ProposalFormValues }

/** 项目申报: an institution's proposals by status (returned ones with the reason), and the form to propose a project answering published demands. */
export default function ProposalsPage() {
  const session = useSession()
  const [filter, setFilter] = useState<Filter>('')
  const [tick, setTick] = useState(0)
  const [editing, setEditing] = useState<Editing | null>(null)
  const [open, setOpen] = useState<string | null>(null)
  useDidShow(() => {
    void session.refresh()
  })
  const list = useLoad(session.loggedIn ? `${filter}:${tick}` : null, () => listMyProposals(filter || undefined, { silent: true }))
  const reload = () => setTick((t) => t + 1)

  if (!session.loggedIn || !isInstitutionStaff(session.user)) {
    return <NoAccess title="没有申报权限" text="项目申报供培训机构工作人员使用，请联系管理员开通。" />
  }

  if (editing) {
    return (
      <ProposalForm
        key={editing.id ?? 'new'}
        editing={editing}
        onCancel={() => setEditing(null)}
        onDone={() => {
          setEditing(null)
          reload()
        }}
      />
    )
  }

  const act = async (p: ProjectProposal, action: 'submit' | 'withdraw') => {
    if (action === 'withdraw') {
      const answer = await Taro.showModal({ title: '撤回申报', content: `确定撤回“${p.title}”吗？撤回后不能再提交。` })
      if (!answer.confirm) return
    }
    try {
      await moveProposal(p.id, action)
      void Taro.showToast({ title: action === 'submit' ? '已提交审核' : '已撤回', icon: 'success', duration: 1500 })
      reload()
    } catch {
      // The client has shown the message.
    }
  }

  const totals = list.status === 'ready' ? list.data.totals : {}
  const options = FILTERS.map((f) => ({
    value: f.value,
    label: f.value && totals[f.value] ? `${f.label} ${totals[f.value]}` : f.label,
  }))

  return (
    <View className="page proposals" id="proposals-page">
      <Button className="btn-block" id="proposal-new" type="primary" size="xlarge" block onClick={() => setEditing({ values: EMPTY_PROPOSAL_FORM })}>
        申报新项目
      </Button>
      <Segments id="proposals-filter" value={filter} options={options} onChange={setFilter} />
      {list.status === 'loading' ? (
        <LoadingState />
      ) : list.status === 'error' ? (
        <ErrorState message={list.message} onRetry={list.reload} />
      ) : list.data.items.length === 0 ? (
        <View className="card">
          <EmptyState title={filter ? '没有这类申报' : '还没有申报过项目'} text="对照已发布的用工需求开发培训项目，提交区人社审核，通过后进入培训目录。" />
        </View>
      ) : (
        list.data.items.map((p) => (
          <View key={p.id} className="card proposals__item" id={`proposal-${p.id}`}>
            <View className="proposals__head">
              <Tag tone={PROPOSAL_TONE[p.status]} id={`proposal-status-${p.id}`}>
                {PROPOSAL_STATUSES[p.status]}
              </Tag>
              <Text className="proposals__code">{p.code}</Text>
            </View>
            <Text className="proposals__title">{p.title}</Text>
            <Text className="proposals__line">
              {p.occupations.map((o) => o.name).join('、')} · {p.headcount} 人 · {p.hours} 课时
            </Text>
            <Text className="proposals__line">对应需求 {p.demands.length} 条 · 更新于 {formatDateTime(p.updatedAt)}</Text>
            {p.status === 'returned' && p.returnReason ? (
              <Text className="proposals__reason" id={`proposal-reason-${p.id}`}>
                退回原因：{p.returnReason}
              </Text>
            ) : null}
            {open === p.id ? <ProposalFacts proposal={p} /> : null}
            <View className="proposals__actions">
              <Button size="large" fill="outline" id={`proposal-toggle-${p.id}`} onClick={() => setOpen(open === p.id ? null : p.id)}>
                {open === p.id ? '收起' : '详情'}
              </Button>
              {p.status === 'draft' || p.status === 'returned' ? (
                <>
                  <Button size="large" fill="outline" id={`proposal-edit-${p.id}`} onClick={() => setEditing({ id: p.id, values: proposalToForm(p) })}>
                    修改
                  </Button>
                  <Button size="large" type="primary" id={`proposal-submit-${p.id}`} onClick={() => void act(p, 'submit')}>
                    提交审核
                  </Button>
                </>
              ) : null}
              {p.status === 'draft' || p.status === 'submitted' || p.status === 'returned' ? (
                <Button size="large" fill="outline" id={`proposal-withdraw-${p.id}`} onClick={() => void act(p, 'withdraw')}>
                  撤回
                </Button>
              ) : null}
            </View>
          </View>
        ))
      )}
    </View>
  )
}

type Choice = 'projectType' | 'level' | 'field'

function ProposalForm({ editing, onCancel, onDone }: { editing: Editing; onCancel: () => void; onDone: () => void }) {
  const [values, setValues] = useState<ProposalFormValues>(editing.values)
  const [errors, setErrors] = useState<ProposalFieldErrors>({})
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState(false)
  const [choice, setChoice] = useState<Choice | null>(null)
  const [picking, setPicking] = useState(false)
  const demands = useLoad('published', () => listDemands({}, { limit: 50 }, { silent: true }))
  const known = useMemo(() => new Map((demands.status === 'ready' ? demands.data.items : []).map((d) => [d.id, d])), [demands])

  const set = <K extends keyof ProposalFormValues>(field: K, value: ProposalFormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }))
    setErrors((e) => ({ ...e, [field]: undefined }))
  }

  /** Picking demands fills in their occupations (and the field of the first one) for the proposer to keep. */
  const toggleDemand = (d: DemandItem) => {
    setValues((v) => {
      const picked = v.demands.includes(d.id) ? v.demands.filter((x) => x !== d.id) : [...v.demands, d.id]
      const occupations = [...new Set(picked.map((id) => known.get(id)?.occupation.code).filter((c): c is string => Boolean(c)))]
      return {
        ...v,
        demands: picked,
        occupations: occupations.length ? occupations : v.occupations,
        field: v.field || d.field.code,
        level: v.level || d.level || '',
      }
    })
    setErrors((e) => ({ ...e, demands: undefined, occupations: undefined }))
  }

  const save = async (submit: boolean) => {
    setFormError('')
    const checked = validateProposal(values)
    if (!checked.ok) {
      setErrors(checked.errors)
      void Taro.showToast({ title: '请按红字提示修改', icon: 'none', duration: 2000 })
      return
    }
    setBusy(true)
    try {
      if (editing.id) {
        const { submit: _submit, source: _source, institution: _institution, district: _district, ...content } = checked.input
        await updateProposal(editing.id, content, { silent: true })
        if (submit) await moveProposal(editing.id, 'submit', { silent: true })
      } else {
        await createProposal({ ...checked.input, submit }, { silent: true })
      }
      void Taro.showToast({ title: submit ? '已提交审核' : '已保存草稿', icon: 'success', duration: 1500 })
      onDone()
    } catch (e) {
      setErrors(fieldErrorsOf(e, PROPOSAL_FIELDS))
      setFormError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const occupationNames = values.occupations.map((c) => [...known.values()].find((d) => d.occupation.code === c)?.occupation.name ?? c)
  const choices: Record<Choice, { title: string; options: { value: string; label: string }[]; columns: 1 | 3 }> = {
    projectType: { title: '项目类型', options: TYPE_OPTIONS, columns: 1 },
    level: { title: '培训等级', options: LEVEL_OPTIONS, columns: 1 },
    field: { title: '重点领域', options: FIELD_OPTIONS, columns: 1 },
  }
  const number = (field: 'headcount' | 'hours' | 'fee', placeholder: string) => (
    <Input
      id={`input-${field}`}
      className="field__control field__input"
      type="number"
      placeholder={placeholder}
      placeholderClass="field__input-placeholder"
      value={values[field]}
      onInput={(e) => set(field, e.detail.value)}
    />
  )

  return (
    <View className="page proposals" id="proposal-form">
      <View className="card">
        <FormField name="demands" label="对应的用工需求" error={errors.demands} hint="从已发布的需求清单中选择，可多选">
          <ChoiceBox
            id="picker-demands"
            label={values.demands.length ? `已选 ${values.demands.length} 条` : undefined}
            placeholder="请选择用工需求"
            onOpen={() => setPicking(true)}
          />
          {values.demands.map((id) => {
            const d = known.get(id)
            return (
              <Text key={id} className="proposals__picked" id={`picked-${id}`}>
                {d ? `${d.enterprise.name} · ${d.occupation.name} · 尚缺 ${d.remainingHeadcount} 人` : '（需求已不在清单上）'}
              </Text>
            )
          })}
        </FormField>
        <FormField name="title" label="项目名称" error={errors.title}>
          <Input
            id="input-title"
            className="field__control field__input"
            placeholder="例如：养老护理员（四级）岗位技能提升"
            placeholderClass="field__input-placeholder"
            maxlength={80}
            value={values.title}
            onInput={(e) => set('title', e.detail.value)}
          />
        </FormField>
        <FormField name="occupations" label="拟培训职业" error={errors.occupations} hint="随所选需求自动带出">
          <Text className="proposals__value" id="value-occupations">
            {occupationNames.length ? occupationNames.join('、') : '选择需求后自动带出'}
          </Text>
        </FormField>
        {(['projectType', 'level', 'field'] as const).map((f) => (
          <FormField key={f} name={f} label={choices[f].title} error={errors[f]}>
            <ChoiceBox id={`picker-${f}`} label={optionLabel(choices[f].options, values[f])} placeholder={`请选择${choices[f].title}`} onOpen={() => setChoice(f)} />
          </FormField>
        ))}
        <FormField name="headcount" label="培训人数" error={errors.headcount}>
          {number('headcount', '计划培训多少人')}
        </FormField>
        <FormField name="hours" label="培训时长（课时）" error={errors.hours}>
          {number('hours', '总课时')}
        </FormField>
        <FormField name="content" label="培训内容" error={errors.content}>
          <Textarea
            id="input-content"
            className="field__control proposals__textarea"
            placeholder="理论和实操各学什么、多少课时"
            maxlength={4000}
            value={values.content}
            onInput={(e) => set('content', e.detail.value)}
          />
        </FormField>
        <FormField name="mode" label="培训方式" error={errors.mode}>
          <Segments id="choice-mode" value={values.mode} options={MODE_OPTIONS} onChange={(v) => set('mode', v)} />
        </FormField>
        <FormField name="audiences" label="培训对象" error={errors.audiences} hint="可多选">
          <View className="proposals__chips">
            {Object.entries(AUDIENCES).map(([value, label]) => (
              <View
                key={value}
                id={`audience-${value}`}
                className={`proposals__chip${values.audiences.includes(value) ? ' proposals__chip--on' : ''}`}
                onClick={() => set('audiences', values.audiences.includes(value) ? values.audiences.filter((a) => a !== value) : [...values.audiences, value])}
              >
                <Text>{label}</Text>
              </View>
            ))}
          </View>
        </FormField>
        <FormField name="funding" label="收费方式" error={errors.funding ?? errors.fee}>
          <Segments id="choice-funding" value={values.funding} options={FUNDING_OPTIONS} onChange={(v) => set('funding', v)} />
          {values.funding === 'fee' ? number('fee', '每人费用（元）') : null}
        </FormField>
        {formError ? (
          <Text className="proposals__form-error" id="proposal-form-error">
            {formError}
          </Text>
        ) : null}
      </View>
      <View className="proposals__form-actions">
        <Button size="xlarge" fill="outline" id="proposal-cancel" disabled={busy} onClick={onCancel}>
          返回
        </Button>
        <Button size="xlarge" fill="outline" id="proposal-save" loading={busy} onClick={() => void save(false)}>
          保存草稿
        </Button>
        <Button size="xlarge" type="primary" id="proposal-send" loading={busy} onClick={() => void save(true)}>
          提交审核
        </Button>
      </View>
      {choice ? (
        <OptionSheet
          name={choice}
          title={choices[choice].title}
          options={choices[choice].options}
          value={values[choice]}
          open
          onSelect={(v) => {
            set(choice, v)
            setChoice(null)
          }}
          onClose={() => setChoice(null)}
        />
      ) : null}
      {picking ? <DemandPicker demands={demands} picked={values.demands} onToggle={toggleDemand} onClose={() => setPicking(false)} /> : null}
    </View>
  )
}

function DemandPicker({
  demands,
  picked,
  onToggle,
  onClose,
}: {
  demands: Loaded<{ items: DemandItem[] }> & { reload: () => void }
  picked: string[]
  onToggle: (d: DemandItem) => void
  onClose: () => void
}) {
  return (
    <Sheet
      id="demand-picker"
      title="选择用工需求"
      open
      onClose={onClose}
      footer={
        <Button id="demand-picker-done" type="primary" size="xlarge" onClick={onClose}>
          选好了（{picked.length} 条）
        </Button>
      }
    >
      {demands.status === 'loading' ? (
        <LoadingState />
      ) : demands.status === 'error' ? (
        <ErrorState message={demands.message} onRetry={demands.reload} />
      ) : demands.data.items.length === 0 ? (
        <EmptyState title="还没有已发布的用工需求" />
      ) : (
        demands.data.items.map((d) => (
          <View
            key={d.id}
            id={`demand-option-${d.id}`}
            className={`proposals__demand${picked.includes(d.id) ? ' proposals__demand--on' : ''}`}
            onClick={() => onToggle(d)}
          >
            <Text className="proposals__demand-title">
              {picked.includes(d.id) ? '✓ ' : ''}
              {d.enterprise.name}
            </Text>
            <Text className="proposals__line">
              {d.occupation.name} · {d.districtName} · 需要 {d.headcount} 人，尚缺 {d.remainingHeadcount} 人
            </Text>
          </View>
        ))
      )}
    </Sheet>
  )
}
