/** 登记就业: pick one of the people the institution or station served (masked), then the employer, start date and pay. */
import { useState } from 'react'
import { Input, Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { beijingToday, type EmploymentPerson } from '@jz/shared'
import { ChoiceBox, FormField } from '../../components/FormField'
import { Sheet } from '../../components/Sheet'
import { EmptyState, ErrorState, LoadingState } from '../../components/states'
import { errorMessage, fieldErrorsOf } from '../../services/api'
import { formatDay } from '../../services/format'
import { OUTCOME_FIELDS, emptyOutcomeForm, validateOutcomeForm, type OutcomeField, type OutcomeFormValues } from '../../services/jobForm'
import { findEmploymentPeople, recordEmploymentOutcome } from '../../services/jobs'
import { useLoad } from '../../services/load'

const personKey = (p: EmploymentPerson) => `${p.scope.kind}:${p.scope.code}:${p.userId}`

export function OutcomeForm({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const [typed, setTyped] = useState('')
  const [query, setQuery] = useState('')
  const [person, setPerson] = useState<EmploymentPerson | null>(null)
  const [values, setValues] = useState<OutcomeFormValues>(emptyOutcomeForm)
  const [touched, setTouched] = useState<Partial<Record<OutcomeField, boolean>>>({})
  const [errors, setErrors] = useState<Partial<Record<OutcomeField, string>>>({})
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState(false)
  const people = useLoad(`q:${query}`, () => findEmploymentPeople(query, { silent: true }))

  const scopeOf = (p: EmploymentPerson | null) =>
    p ? (p.scope.kind === 'institution' ? { institutionCode: p.scope.code } : { stationCode: p.scope.code }) : {}
  const recheck = (next: OutcomeFormValues, f: OutcomeField) => {
    const result = validateOutcomeForm(next, scopeOf(person))
    setErrors((e) => ({ ...e, [f]: result.ok ? undefined : result.errors[f] }))
  }
  const change = (f: OutcomeField, v: string) => {
    const next = { ...values, [f]: v }
    setValues(next)
    if (touched[f]) recheck(next, f)
  }
  const blur = (f: OutcomeField) => {
    setTouched((t) => ({ ...t, [f]: true }))
    recheck(values, f)
  }
  const pick = (p: EmploymentPerson) => {
    setPerson(p)
    setValues((v) => ({ ...v, userId: p.userId }))
    setErrors((e) => ({ ...e, userId: undefined }))
  }

  const save = async () => {
    setFormError('')
    const checked = validateOutcomeForm(values, scopeOf(person))
    if (!checked.ok) {
      setTouched(Object.fromEntries(OUTCOME_FIELDS.map((f) => [f, true])))
      setErrors(checked.errors)
      setFormError('请按红字提示修改')
      return
    }
    setBusy(true)
    try {
      await recordEmploymentOutcome(checked.input, { silent: true })
      void Taro.showToast({ title: '已登记', icon: 'success', duration: 1500 })
      onSaved()
    } catch (e) {
      setErrors(fieldErrorsOf(e, OUTCOME_FIELDS))
      setFormError(errorMessage(e))
      setBusy(false)
    }
  }

  const today = beijingToday()
  return (
    <Sheet
      id="outcome-form"
      title="登记就业"
      open
      onClose={onClose}
      footer={
        <Button id="outcome-form-save" type="primary" size="xlarge" loading={busy} onClick={() => void save()}>
          登记
        </Button>
      }
    >
      <FormField name="userId" label="学员" error={errors.userId} hint="本机构报名培训、或经本站推荐的人员；可按姓名或手机尾号查找">
        <View className="bench-outcomes__search">
          <Input
            id="input-person-search"
            className="field__control field__input"
            placeholder="姓名或手机后4位"
            placeholderClass="field__input-placeholder"
            maxlength={20}
            value={typed}
            confirmType="search"
            onInput={(e) => setTyped(e.detail.value)}
            onConfirm={() => setQuery(typed.trim())}
          />
          <Button id="person-search" size="large" onClick={() => setQuery(typed.trim())}>
            查找
          </Button>
        </View>
        <View className="bench-outcomes__people" id="outcome-people">
          {people.status === 'loading' ? (
            <LoadingState />
          ) : people.status === 'error' ? (
            <ErrorState message={people.message} onRetry={people.reload} />
          ) : people.data.items.length === 0 ? (
            <EmptyState title={query ? '没有找到' : '还没有可登记的人员'} text={query ? '换个姓名或手机尾号试试。' : '学员在本机构报名、或经本站推荐后会出现在这里。'} />
          ) : (
            people.data.items.map((p) => (
              <View
                key={personKey(p)}
                id={`person-${p.userId}`}
                className={`bench-outcomes__person${person && personKey(person) === personKey(p) ? ' bench-outcomes__person--on' : ''}`}
                onClick={() => pick(p)}
              >
                <Text className="staff-item__title">
                  {p.name} · {p.mobile}
                </Text>
                <Text className="staff-item__line">{p.via}</Text>
              </View>
            ))
          )}
        </View>
      </FormField>
      <FormField name="employerName" label="工作单位" error={touched.employerName ? errors.employerName : undefined}>
        <Input
          id="input-employerName"
          className="field__control field__input"
          placeholder="入职的企业或单位名称"
          placeholderClass="field__input-placeholder"
          maxlength={80}
          value={values.employerName}
          onInput={(e) => change('employerName', e.detail.value)}
          onBlur={() => blur('employerName')}
        />
      </FormField>
      <FormField name="hiredOn" label="入职日期" error={touched.hiredOn ? errors.hiredOn : undefined}>
        <Picker
          mode="date"
          value={values.hiredOn || today}
          end={today}
          onChange={(e) => {
            const next = { ...values, hiredOn: String(e.detail.value) }
            setValues(next)
            setTouched((t) => ({ ...t, hiredOn: true }))
            recheck(next, 'hiredOn')
          }}
        >
          <ChoiceBox id="picker-hiredOn" label={values.hiredOn ? formatDay(values.hiredOn) : undefined} placeholder="请选择日期" onOpen={() => undefined} />
        </Picker>
      </FormField>
      <FormField name="monthlyPay" label="月收入（元，税前，可不填）" error={touched.monthlyPay ? errors.monthlyPay : undefined}>
        <Input
          id="input-monthlyPay"
          className="field__control field__input"
          type="number"
          placeholder="例如 6500"
          placeholderClass="field__input-placeholder"
          maxlength={6}
          value={values.monthlyPay}
          onInput={(e) => change('monthlyPay', e.detail.value)}
          onBlur={() => blur('monthlyPay')}
        />
      </FormField>
      {formError ? (
        <Text className="staff-item__error" id="outcome-form-error">
          {formError}
        </Text>
      ) : null}
    </Sheet>
  )
}
