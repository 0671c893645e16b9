import { useCallback, useMemo, useState } from 'react'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { beijingToday, type DemandDeclaration } from '@jz/shared'
import { ChoiceBox, FormField } from '../../components/FormField'
import { OptionSheet } from '../../components/OptionSheet'
import { Tag, type TagTone } from '../../components/Tag'
import { EmptyState, ErrorState, LoadingState, SignInRequired } from '../../components/states'
import { declareDemand, errorMessage, fieldErrorsOf, getSalary, listMyDemands } from '../../services/api'
import { KEY_FIELDS } from '../../services/catalog'
import {
  DECLARE_FIELDS,
  EMPTY_DECLARE_FORM,
  declarationStatusText,
  validateDeclaration,
  validateDeclareField,
  type DeclareField,
  type DeclareFieldErrors,
  type DeclareFormValues,
} from '../../services/declareForm'
import { formatDay } from '../../services/format'
import { useLoad } from '../../services/load'
import { openLogin } from '../../services/navigation'
import { DISTRICT_OPTIONS, optionLabel } from '../../services/profileForm'
import { getSessionState, refreshSession, useSession } from '../../services/session'
import './index.css'

type ChoiceField = 'occupation' | 'district'
type Mine = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; items: DemandDeclaration[] }

const TONE: Record<DemandDeclaration['status'], TagTone> = {
  draft: 'grey',
  submitted: 'orange',
  returned: 'red',
  published: 'green',
  fulfilled: 'blue',
  closed: 'grey',
}

type TextField = Exclude<DeclareField, ChoiceField | 'wantedBy' | 'skills'>
const TEXT_INPUTS: { field: TextField; label: string; placeholder: string; type?: 'number' | 'text'; maxlength: number }[] = [
  { field: 'enterpriseName', label: '企业名称', placeholder: '与营业执照上的名称一致', maxlength: 80 },
  { field: 'creditCode', label: '统一社会信用代码', placeholder: '18位，见营业执照', maxlength: 18 },
  { field: 'contactName', label: '联系人', placeholder: '负责招工的联系人', maxlength: 40 },
  { field: 'contactPhone', label: '联系电话', placeholder: '11位手机号', type: 'number', maxlength: 11 },
]

export default function DeclarePage() {
  const session = useSession()
  const salary = useLoad('all', () => getSalary({}, { silent: true }))
  const [values, setValues] = useState<DeclareFormValues>(EMPTY_DECLARE_FORM)
  const [touched, setTouched] = useState<Partial<Record<DeclareField, boolean>>>({})
  const [errors, setErrors] = useState<DeclareFieldErrors>({})
  const [serverErrors, setServerErrors] = useState<DeclareFieldErrors>({})
  const [formError, setFormError] = useState('')
  const [saving, setSaving] = useState(false)
  const [done, setDone] = useState<DemandDeclaration | null>(null)
  const [openChoice, setOpenChoice] = useState<ChoiceField | null>(null)
  const [mine, setMine] = useState<Mine>({ status: 'loading' })

  /** 职业: the occupations 薪酬指引 already lists, the programme's key fields first. */
  const occupations = useMemo(() => {
    const items = salary.status === 'ready' ? salary.data.items : []
    const seen = new Map<string, { label: string; rank: number }>()
    const rank = (field: string) => {
      const i = KEY_FIELDS.findIndex((f) => f.code === field)
      return i < 0 ? KEY_FIELDS.length : i
    }
    for (const i of items) {
      if (!seen.has(i.occupation.code)) seen.set(i.occupation.code, { label: i.occupation.name, rank: rank(i.occupation.fieldCode) })
    }
    return [...seen].sort((a, b) => a[1].rank - b[1].rank).map(([value, { label }]) => ({ value, label }))
  }, [salary])

  const loadMine = useCallback(async () => {
    await refreshSession()
    if (getSessionState().status !== 'signedIn') return
    try {
      const { items } = await listMyDemands({ silent: true })
      setMine({ status: 'ready', items })
    } catch (e) {
      setMine((prev) => (prev.status === 'ready' ? prev : { status: 'error', message: errorMessage(e) }))
    }
  }, [])

  // Also after coming back from the login page.
  useDidShow(() => {
    void loadMine()
  })

  const recheck = (next: DeclareFormValues, fields: DeclareField[]) => {
    setErrors((prev) => {
      const out = { ...prev }
      for (const f of fields) out[f] = validateDeclareField(next, f)
      return out
    })
  }

  const change = (field: DeclareField, value: string) => {
    const next = { ...values, [field]: value }
    setValues(next)
    setServerErrors((prev) => ({ ...prev, [field]: undefined }))
    setDone(null)
    // Once a message is showing, let it disappear as soon as the field is right.
    if (touched[field]) recheck(next, field === 'payMin' || field === 'payMax' ? ['payMin', 'payMax'] : [field])
  }

  const blur = (field: DeclareField) => {
    setTouched((prev) => ({ ...prev, [field]: true }))
    recheck(values, [field])
  }

  const choose = (field: DeclareField, value: string) => {
    const next = { ...values, [field]: value }
    setValues(next)
    setOpenChoice(null)
    setServerErrors((prev) => ({ ...prev, [field]: undefined }))
    setTouched((prev) => ({ ...prev, [field]: true }))
    recheck(next, [field])
  }

  const submit = async () => {
    setFormError('')
    const checked = validateDeclaration(values)
    if (!checked.ok) {
      setTouched(Object.fromEntries(DECLARE_FIELDS.map((f) => [f, true])))
      setErrors(checked.errors)
      const first = DECLARE_FIELDS.find((f) => checked.errors[f])
      void Taro.showToast({ title: '请按红字提示修改', icon: 'none', duration: 2000 })
      if (first) void Taro.pageScrollTo({ selector: `#field-${first}`, duration: 200 }).catch(() => undefined)
      return
    }
    setSaving(true)
    try {
      const { demand } = await declareDemand({ ...checked.input, submit: true }, { silent: true })
      setDone(demand)
      setValues(EMPTY_DECLARE_FORM)
      setTouched({})
      setErrors({})
      setMine((prev) => (prev.status === 'ready' ? { status: 'ready', items: [demand, ...prev.items.filter((d) => d.id !== demand.id)] } : prev))
      void loadMine()
      void Taro.pageScrollTo({ selector: '#declare-done', duration: 200 }).catch(() => undefined)
    } catch (e) {
      setServerErrors(fieldErrorsOf(e, DECLARE_FIELDS))
      setFormError(errorMessage(e))
      void Taro.showToast({ title: errorMessage(e), icon: 'none', duration: 2500 })
    } finally {
      setSaving(false)
    }
  }

  if (session.status === 'signedOut') {
    return <SignInRequired text="登录后才能申报用工需求，并查看审核进度。" id="declare-login" onLogin={openLogin} />
  }
  if (session.status === 'error' && !session.user) {
    return (
      <View className="page">
        <ErrorState message={session.error?.message ?? '请稍后再试'} onRetry={() => void loadMine()} />
      </View>
    )
  }

  const messageFor = (f: DeclareField) => serverErrors[f] ?? (touched[f] ? errors[f] : undefined)
  const today = beijingToday()
  const choices: Record<ChoiceField, { title: string; placeholder: string; options: { value: string; label: string }[]; columns: 1 | 3 }> = {
    occupation: { title: '选择职业', placeholder: salary.status === 'loading' ? '正在读取职业…' : '请选择职业', options: occupations, columns: 1 },
    district: { title: '选择所在区', placeholder: '请选择所在区', options: DISTRICT_OPTIONS, columns: 3 },
  }
  const choiceBox = (f: ChoiceField) => (
    <ChoiceBox id={`picker-${f}`} label={optionLabel(choices[f].options, values[f])} placeholder={choices[f].placeholder} onOpen={() => setOpenChoice(f)} />
  )
  const textInput = (f: DeclareField, placeholder: string, maxlength: number, type: 'number' | 'text' = 'text') => (
    <Input
      id={`input-${f}`}
      className="field__control field__input"
      type={type}
      placeholder={placeholder}
      placeholderClass="field__input-placeholder"
      maxlength={maxlength}
      value={values[f]}
      onInput={(e) => change(f, e.detail.value)}
      onBlur={() => blur(f)}
    />
  )

  return (
    <View className="page declare" id="declare-page">
      <View className="declare__intro">
        <Text className="declare__intro-text">企业缺什么技能的人，在这里告诉区人社局。审核通过后会发布到需求清单，培训机构据此开班。</Text>
      </View>

      {done ? (
        <View className="declare__done" id="declare-done">
          <Text className="declare__done-text">已提交，等待区人社审核</Text>
          <Text className="declare__done-text">申报编号 {done.code}</Text>
        </View>
      ) : null}

      <View className="card declare__form" id="declare-form">
        {TEXT_INPUTS.map((t) => (
          <FormField key={t.field} name={t.field} label={t.label} error={messageFor(t.field)}>
            {textInput(t.field, t.placeholder, t.maxlength, t.type)}
          </FormField>
        ))}

        <FormField name="occupation" label="职业" error={messageFor('occupation')}>
          {choiceBox('occupation')}
        </FormField>

        <FormField name="headcount" label="需要人数" error={messageFor('headcount')}>
          {textInput('headcount', '例如 20', 6, 'number')}
        </FormField>

        <FormField name="skills" label="技能要求" error={messageFor('skills')}>
          <Textarea
            id="input-skills"
            className="field__control declare__textarea"
            placeholder="需要会什么、有什么证书，例如：会失能老人照护，持养老护理员四级证书"
            placeholderClass="field__input-placeholder"
            maxlength={2000}
            value={values.skills}
            onInput={(e) => change('skills', e.detail.value)}
            onBlur={() => blur('skills')}
          />
        </FormField>

        <FormField name="district" label="所在区" error={messageFor('district')}>
          {choiceBox('district')}
        </FormField>

        <FormField name="wantedBy" label="希望到岗日期" error={messageFor('wantedBy')}>
          <Picker mode="date" value={values.wantedBy || today} start={today} onChange={(e) => choose('wantedBy', String(e.detail.value))}>
            <ChoiceBox id="picker-wantedBy" label={values.wantedBy ? formatDay(values.wantedBy) : undefined} placeholder="请选择日期" onOpen={() => undefined} />
          </Picker>
        </FormField>

        <FormField name="payMin" label="薪资范围（元/月，可不填）" error={messageFor('payMin') ?? messageFor('payMax')}>
          <View className="declare__pay">
            {textInput('payMin', '最低', 7, 'number')}
            <Text className="declare__pay-sep">至</Text>
            {textInput('payMax', '最高', 7, 'number')}
          </View>
        </FormField>

        {formError ? (
          <Text className="declare__form-error" id="declare-form-error">
            {formError}
          </Text>
        ) : null}

        <Button className="btn-block" id="declare-submit" type="primary" size="xlarge" block loading={saving} onClick={() => void submit()}>
          {saving ? '正在提交…' : '提交申报'}
        </Button>
      </View>

      <Text className="section-title">我的申报</Text>
      {mine.status === 'loading' ? (
        <LoadingState />
      ) : mine.status === 'error' ? (
        <ErrorState message={mine.message} onRetry={() => void loadMine()} />
      ) : mine.items.length === 0 ? (
        <View className="card">
          <EmptyState title="还没有申报" text="提交后可以在这里看审核进度。" />
        </View>
      ) : (
        <View id="declare-mine">
          {mine.items.map((d) => (
            <View className="card" key={d.id} id={`declaration-${d.id}`}>
              <View className="declare__head">
                <Text className="declare__occupation">{d.occupation.name}</Text>
                <Tag tone={TONE[d.status]} id={`declaration-status-${d.id}`}>
                  {declarationStatusText(d)}
                </Tag>
              </View>
              <Text className="declare__meta">{d.enterprise.name}</Text>
              <Text className="declare__meta">
                要 {d.headcount} 人 · {optionLabel(DISTRICT_OPTIONS, d.district) ?? d.district} · 希望 {formatDay(d.wantedBy)} 前到岗
              </Text>
              <Text className="declare__meta">申报编号 {d.code}</Text>
            </View>
          ))}
        </View>
      )}

      {openChoice ? (
        <OptionSheet
          name={openChoice}
          title={choices[openChoice].title}
          options={choices[openChoice].options}
          columns={choices[openChoice].columns}
          value={values[openChoice]}
          open
          onSelect={(v) => choose(openChoice, v)}
          onClose={() => {
            setOpenChoice(null)
            blur(openChoice)
          }}
        />
      ) : null}
    </View>
  )
}
