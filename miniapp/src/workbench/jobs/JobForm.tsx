/** 发布岗位 / 修改岗位 / 需求转岗位: one sheet, fields per mode, each checked with the shared schema as it is left. */
import { useMemo, useState } from 'react'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { CATALOG_LEVELS, beijingToday, levelLabel, type DemandDeclaration, type JobFromDemandInput, type JobPostInput, type JobUpdateInput, type ManagedJob } from '@jz/shared'
import { ChoiceBox, FormField } from '../../components/FormField'
import { OptionSheet } from '../../components/OptionSheet'
import { Sheet } from '../../components/Sheet'
import { errorMessage, fieldErrorsOf, getSalary } from '../../services/api'
import { formatDay } from '../../services/format'
import {
  JOB_FIELDS,
  JOB_MODE_FIELDS,
  emptyJobForm,
  jobFormFrom,
  validateJobForm,
  type JobField,
  type JobFieldErrors,
  type JobFormMode,
  type JobFormValues,
} from '../../services/jobForm'
import { jobFromDemand, postJob, updateJob } from '../../services/jobs'
import { useLoad } from '../../services/load'
import { DISTRICT_OPTIONS, optionLabel } from '../../services/profileForm'

type ChoiceField = 'occupation' | 'level' | 'district'
const LEVEL_OPTIONS = [{ value: '', label: '不限等级' }, ...CATALOG_LEVELS.map((l) => ({ value: l, label: levelLabel(l) ?? l }))]

const TEXT: Partial<Record<JobField, { label: string; placeholder: string; maxlength: number; type?: 'number' | 'text'; hint?: string }>> = {
  enterpriseName: { label: '企业名称', placeholder: '与营业执照上的名称一致', maxlength: 80 },
  creditCode: { label: '统一社会信用代码', placeholder: '18位，见营业执照', maxlength: 18 },
  title: { label: '岗位名称', placeholder: '例如 养老护理员（白班）', maxlength: 40 },
  openings: { label: '招聘人数', placeholder: '例如 5', maxlength: 5, type: 'number' },
  address: { label: '工作地址（可不填）', placeholder: '街道、门牌号', maxlength: 200 },
  benefits: { label: '福利（可不填）', placeholder: '例如 五险一金，包吃住', maxlength: 160, hint: '多项用逗号隔开，每项不超过12个字' },
  contactName: { label: '联系人', placeholder: '企业负责招聘的人', maxlength: 40 },
  contactPhone: { label: '联系电话', placeholder: '手机号或 010-12345678', maxlength: 13 },
}

interface JobFormProps {
  mode: JobFormMode
  editing?: ManagedJob
  demand?: DemandDeclaration
  onClose: () => void
  onSaved: () => void
}

export function JobForm({ mode, editing, demand, onClose, onSaved }: JobFormProps) {
  const [values, setValues] = useState<JobFormValues>(() => {
    if (editing) return jobFormFrom(editing)
    if (demand) return { ...emptyJobForm(), title: demand.occupation.name, openings: String(demand.headcount) }
    return emptyJobForm()
  })
  const [touched, setTouched] = useState<Partial<Record<JobField, boolean>>>({})
  const [errors, setErrors] = useState<JobFieldErrors>({})
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState(false)
  const [choosing, setChoosing] = useState<ChoiceField | null>(null)
  const shown = JOB_MODE_FIELDS[mode]
  const salary = useLoad(mode === 'post' ? 'occupations' : null, () => getSalary({}, { silent: true }))
  const occupations = useMemo(() => {
    const seen = new Map<string, string>()
    if (salary.status === 'ready') for (const i of salary.data.items) seen.set(i.occupation.code, i.occupation.name)
    return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'zh'))
  }, [salary])

  const recheck = (next: JobFormValues, fields: JobField[]) => {
    const result = validateJobForm(mode, next, demand?.id)
    setErrors((prev) => {
      const out = { ...prev }
      for (const f of fields) out[f] = result.ok ? undefined : result.errors[f]
      return out
    })
  }
  const change = (f: JobField, v: string) => {
    const next = { ...values, [f]: v }
    setValues(next)
    // Once a message shows, it goes away as soon as the field is right.
    if (touched[f]) recheck(next, f === 'payMin' || f === 'payMax' ? ['payMin', 'payMax'] : [f])
  }
  const blur = (f: JobField) => {
    setTouched((t) => ({ ...t, [f]: true }))
    recheck(values, [f])
  }
  const choose = (f: JobField, v: string) => {
    const next = { ...values, [f]: v }
    setValues(next)
    setChoosing(null)
    setTouched((t) => ({ ...t, [f]: true }))
    recheck(next, [f])
  }

  const save = async () => {
    setFormError('')
    const checked = validateJobForm(mode, values, demand?.id)
    if (!checked.ok) {
      setTouched(Object.fromEntries(JOB_FIELDS.map((f) => [f, true])))
      setErrors(checked.errors)
      setFormError('请按红字提示修改')
      return
    }
    setBusy(true)
    try {
      if (mode === 'post') await postJob(checked.input as JobPostInput, { silent: true })
      else if (mode === 'edit' && editing) await updateJob(editing.id, checked.input as JobUpdateInput, { silent: true })
      else await jobFromDemand(checked.input as JobFromDemandInput, { silent: true })
      void Taro.showToast({ title: mode === 'edit' ? '已保存' : '岗位已发布', icon: 'success', duration: 1500 })
      onSaved()
    } catch (e) {
      setErrors(fieldErrorsOf(e, JOB_FIELDS))
      setFormError(errorMessage(e))
      setBusy(false)
    }
  }

  const text = (f: JobField) => {
    const t = TEXT[f]!
    return (
      <FormField key={f} name={f} label={t.label} error={touched[f] ? errors[f] : undefined} hint={t.hint}>
        <Input
          id={`input-${f}`}
          className="field__control field__input"
          type={t.type ?? 'text'}
          placeholder={t.placeholder}
          placeholderClass="field__input-placeholder"
          maxlength={t.maxlength}
          value={values[f]}
          onInput={(e) => change(f, e.detail.value)}
          onBlur={() => blur(f)}
        />
      </FormField>
    )
  }
  const choices: Record<ChoiceField, { label: string; title: string; placeholder: string; options: { value: string; label: string }[]; columns: 1 | 3 }> = {
    occupation: { label: '职业', title: '选择职业', placeholder: salary.status === 'loading' ? '正在读取职业…' : '请选择职业', options: occupations, columns: 1 },
    level: { label: '要求等级', title: '要求的技能等级', placeholder: '不限等级', options: LEVEL_OPTIONS, columns: 1 },
    district: { label: '工作所在区', title: '选择所在区', placeholder: '请选择所在区', options: DISTRICT_OPTIONS, columns: 3 },
  }
  const choice = (f: ChoiceField) => (
    <FormField key={f} name={f} label={choices[f].label} error={touched[f] ? errors[f] : undefined}>
      <ChoiceBox id={`picker-${f}`} label={optionLabel(choices[f].options, values[f])} placeholder={choices[f].placeholder} onOpen={() => setChoosing(f)} />
    </FormField>
  )
  const has = (f: JobField) => shown.includes(f)
  const today = beijingToday()
  const title = mode === 'edit' ? `修改岗位 ${editing?.title ?? ''}` : mode === 'demand' ? '需求转为岗位' : '发布岗位'

  return (
    <Sheet
      id="job-form"
      title={title}
      open
      onClose={onClose}
      footer={
        <Button id="job-form-save" type="primary" size="xlarge" loading={busy} onClick={() => void save()}>
          {mode === 'edit' ? '保存修改' : '发布岗位'}
        </Button>
      }
    >
      {demand ? (
        <View className="bench-jobs__demand" id="job-form-demand">
          <Text className="staff-item__line">
            {demand.enterprise.name} · {demand.occupation.name}
            {demand.level ? ` · ${levelLabel(demand.level) ?? ''}` : ''}
          </Text>
          <Text className="staff-item__line">企业、职业、等级、薪资和所在区沿用需求 {demand.code}；联系人不填则用需求上的联系人。</Text>
        </View>
      ) : null}
      {has('enterpriseName') ? text('enterpriseName') : null}
      {has('creditCode') ? text('creditCode') : null}
      {text('title')}
      {has('occupation') ? choice('occupation') : null}
      {has('level') ? choice('level') : null}
      {text('openings')}
      {has('payMin') ? (
        <FormField name="payMin" label="月薪范围（元/月，可不填）" error={(touched.payMin || touched.payMax) ? (errors.payMin ?? errors.payMax) : undefined}>
          <View className="bench-jobs__pay">
            {(['payMin', 'payMax'] as const).map((f, i) => (
              <View key={f} className="bench-jobs__pay-cell">
                {i === 1 ? <Text className="bench-jobs__pay-sep">至</Text> : null}
                <Input
                  id={`input-${f}`}
                  className="field__control field__input"
                  type="number"
                  placeholder={i === 0 ? '最低' : '最高'}
                  placeholderClass="field__input-placeholder"
                  maxlength={7}
                  value={values[f]}
                  onInput={(e) => change(f, e.detail.value)}
                  onBlur={() => blur(f)}
                />
              </View>
            ))}
          </View>
        </FormField>
      ) : null}
      {has('district') ? choice('district') : null}
      {text('address')}
      {text('benefits')}
      <FormField name="description" label="岗位说明（可不填）" error={touched.description ? errors.description : undefined}>
        <Textarea
          id="input-description"
          className="field__control bench-jobs__textarea"
          placeholder="工作内容、上班时间、要求"
          placeholderClass="field__input-placeholder"
          maxlength={2000}
          value={values.description}
          onInput={(e) => change('description', e.detail.value)}
          onBlur={() => blur('description')}
        />
      </FormField>
      {text('contactName')}
      {text('contactPhone')}
      <FormField name="validUntil" label="招聘截止日期" error={touched.validUntil ? errors.validUntil : undefined}>
        <Picker mode="date" value={values.validUntil || today} start={today} onChange={(e) => choose('validUntil', String(e.detail.value))}>
          <ChoiceBox id="picker-validUntil" label={values.validUntil ? formatDay(values.validUntil) : undefined} placeholder="请选择日期" onOpen={() => undefined} />
        </Picker>
      </FormField>
      {formError ? (
        <Text className="staff-item__error" id="job-form-error">
          {formError}
        </Text>
      ) : null}
      {choosing ? (
        <OptionSheet
          name={choosing}
          title={choices[choosing].title}
          options={choices[choosing].options}
          columns={choices[choosing].columns}
          value={values[choosing]}
          open
          onSelect={(v) => choose(choosing, v)}
          onClose={() => {
            setChoosing(null)
            blur(choosing)
          }}
        />
      ) : null}
    </Sheet>
  )
}
