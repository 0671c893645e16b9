/** 发布 / 修改评价场次: a sheet with the sitting's fields; occupation and level come from the evaluation scope, the capacity shows its floor. */
import { useState } from 'react'
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { beijingToday, type EvaluationScope, type StaffEvaluationSessionItem } from '@jz/shared'
import { ChoiceBox, FormField } from '../../components/FormField'
import { OptionSheet } from '../../components/OptionSheet'
import { Sheet } from '../../components/Sheet'
import { errorMessage, fieldErrorsOf } from '../../services/api'
import { levelLong, levelShort } from '../../services/catalog'
import { DISTRICT_OPTIONS, optionLabel } from '../../services/profileForm'
import { createSession, updateSession } from '../../services/publishing'
import { Fact } from '../components/Fact'
import { addDays, beijingDay, beijingInstant, beijingTime, DateInput, TextInput, TimeInput } from '../components/FormInputs'
import { PublishFormFooter } from '../components/Publication'

type Institution = EvaluationScope['institutions'][number]

/** Fields the API may name in a refusal; the form shows each message under its row. */
const FIELDS = ['institutionCode', 'occupation', 'level', 'startsAt', 'endsAt', 'district', 'place', 'capacity', 'signupOpensAt', 'signupClosesAt', 'fee'] as const
type Field = (typeof FIELDS)[number]

interface Values {
  institutionCode: string
  occupation: string
  level: string
  day: string
  startTime: string
  endTime: string
  district: string
  place: string
  capacity: string
  opens: string
  closes: string
  fee: string
}

/** Sign-up closes at 18:00 Beijing time on the chosen day. */
const CLOSES_AT = '18:00'

function initialValues(editing: StaffEvaluationSessionItem | null, institution: Institution | undefined): Values {
  if (editing) {
    return {
      institutionCode: editing.institution.code,
      occupation: editing.occupation.code,
      level: editing.level,
      day: beijingDay(editing.startsAt),
      startTime: beijingTime(editing.startsAt),
      endTime: beijingTime(editing.endsAt),
      district: editing.district,
      place: editing.place,
      capacity: String(editing.capacity),
      opens: beijingDay(editing.signupOpensAt),
      closes: beijingDay(editing.signupClosesAt),
      fee: String(editing.fee),
    }
  }
  const today = beijingToday()
  const only = institution?.occupations.length === 1 ? institution.occupations[0] : undefined
  return {
    institutionCode: institution?.code ?? '',
    occupation: only?.code ?? '',
    level: only?.levels.length === 1 ? only.levels[0]! : '',
    day: addDays(today, 14),
    startTime: '09:00',
    endTime: '11:30',
    district: institution?.district ?? '',
    place: '',
    capacity: '30',
    opens: today,
    closes: addDays(today, 12),
    fee: '0',
  }
}

interface SessionFormProps {
  editing: StaffEvaluationSessionItem | null
  scope: EvaluationScope
  onClose: () => void
  onSaved: () => void
}

export function SessionForm({ editing, scope, onClose, onSaved }: SessionFormProps) {
  const [values, setValues] = useState<Values>(() => initialValues(editing, scope.institutions[0]))
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState(false)
  const [choosing, setChoosing] = useState<'institutionCode' | 'occupation' | 'level' | 'district' | null>(null)
  const institution = scope.institutions.find((i) => i.code === values.institutionCode)
  const occupation = institution?.occupations.find((o) => o.code === values.occupation)
  const set = (patch: Partial<Values>, ...fields: Field[]) => {
    setValues((old) => ({ ...old, ...patch }))
    setErrors((old) => ({ ...old, ...Object.fromEntries(fields.map((f) => [f, undefined])) }))
  }

  /** An unchanged day keeps the sitting's own instant (an edit must not move what was not touched). */
  const instant = (day: string, time: string, original?: string) =>
    original && beijingDay(original) === day && beijingTime(original) === time ? original : beijingInstant(day, time)

  const save = async (publish: boolean) => {
    const today = beijingToday()
    const body = {
      startsAt: instant(values.day, values.startTime, editing?.startsAt),
      endsAt: instant(values.day, values.endTime, editing?.endsAt),
      district: values.district,
      place: values.place.trim(),
      capacity: Number(values.capacity),
      signupOpensAt:
        editing && beijingDay(editing.signupOpensAt) === values.opens
          ? editing.signupOpensAt
          : values.opens === today
            ? new Date().toISOString()
            : beijingInstant(values.opens, '00:00'),
      signupClosesAt:
        editing && beijingDay(editing.signupClosesAt) === values.closes ? editing.signupClosesAt : beijingInstant(values.closes, CLOSES_AT),
      fee: Number(values.fee),
    }
    setBusy(true)
    setFormError('')
    try {
      if (editing) {
        await updateSession(editing.id, body, { silent: true })
      } else {
        const level = values.level as Parameters<typeof createSession>[0]['level']
        await createSession({ ...body, institutionCode: values.institutionCode || undefined, occupation: values.occupation, level, publish }, { silent: true })
      }
      void Taro.showToast({ title: editing ? '已保存' : publish ? '已发布' : '已保存草稿', icon: 'success', duration: 1500 })
      onSaved()
    } catch (e) {
      setErrors(fieldErrorsOf(e, FIELDS))
      setFormError(errorMessage(e))
      setBusy(false)
    }
  }

  const institutionOptions = scope.institutions.map((i) => ({ value: i.code, label: i.name }))
  const occupationOptions = (institution?.occupations ?? []).map((o) => ({ value: o.code, label: `${o.name}（${o.code}）` }))
  const levelOptions = (occupation?.levels ?? []).map((l) => ({ value: l, label: levelLong(l) }))

  return (
    <Sheet
      id="session-form"
      title={editing ? `修改评价场次 ${editing.code}` : '发布评价场次'}
      open
      onClose={onClose}
      footer={<PublishFormFooter id="session-form" editing={Boolean(editing)} busy={busy} onSave={(publish) => void save(publish)} />}
    >
      {editing ? (
        <Fact label="职业和等级" value={`${editing.occupation.name} · ${levelShort(editing.level)}`} />
      ) : (
        <>
          {scope.institutions.length > 1 ? (
            <FormField name="institutionCode" label="评价机构" error={errors.institutionCode}>
              <ChoiceBox
                id="picker-institutionCode"
                label={optionLabel(institutionOptions, values.institutionCode)}
                placeholder="请选择评价机构"
                onOpen={() => setChoosing('institutionCode')}
              />
            </FormField>
          ) : null}
          <FormField name="occupation" label="评价职业" error={errors.occupation} hint="只能选本机构评价范围内的职业">
            <ChoiceBox id="picker-occupation" label={optionLabel(occupationOptions, values.occupation)} placeholder="请选择职业" onOpen={() => setChoosing('occupation')} />
          </FormField>
          <FormField name="level" label="等级" error={errors.level}>
            <ChoiceBox
              id="picker-level"
              label={optionLabel(levelOptions, values.level)}
              placeholder={occupation ? '请选择等级' : '请先选择职业'}
              onOpen={() => (occupation ? setChoosing('level') : undefined)}
            />
          </FormField>
        </>
      )}
      <FormField name="startsAt" label="考试日期" error={errors.startsAt}>
        <DateInput name="startsAt" value={values.day} onChange={(day) => set({ day }, 'startsAt', 'endsAt')} />
      </FormField>
      <FormField name="startTime" label="开始时间">
        <TimeInput name="startTime" value={values.startTime} onChange={(startTime) => set({ startTime }, 'startsAt', 'endsAt')} />
      </FormField>
      <FormField name="endsAt" label="结束时间" error={errors.endsAt}>
        <TimeInput name="endsAt" value={values.endTime} onChange={(endTime) => set({ endTime }, 'endsAt')} />
      </FormField>
      <FormField name="district" label="考点所在区" error={errors.district}>
        <ChoiceBox id="picker-district" label={optionLabel(DISTRICT_OPTIONS, values.district)} placeholder="请选择所在区" onOpen={() => setChoosing('district')} />
      </FormField>
      <FormField name="place" label="考点地址" error={errors.place}>
        <TextInput name="place" value={values.place} placeholder="街道、门牌号和考场" maxlength={200} onInput={(place) => set({ place }, 'place')} />
      </FormField>
      <FormField
        name="capacity"
        label="名额"
        error={errors.capacity}
        hint={editing ? `已报名 ${editing.registered} 人，名额不能少于 ${editing.registered}` : '最多10000人'}
      >
        <TextInput name="capacity" value={values.capacity} placeholder="例如 30" maxlength={5} type="number" onInput={(capacity) => set({ capacity }, 'capacity')} />
      </FormField>
      <FormField name="signupOpensAt" label="报名开始日期" error={errors.signupOpensAt} hint="选今天即刻开放报名">
        <DateInput name="signupOpensAt" value={values.opens} onChange={(opens) => set({ opens }, 'signupOpensAt', 'signupClosesAt')} />
      </FormField>
      <FormField name="signupClosesAt" label="报名截止（当天18:00）" error={errors.signupClosesAt} hint="不能晚于开考时间，一般选考试前两天">
        <DateInput name="signupClosesAt" value={values.closes} onChange={(closes) => set({ closes }, 'signupClosesAt')} />
      </FormField>
      <FormField name="fee" label="评价费（元）" error={errors.fee} hint="免费填 0">
        <TextInput name="fee" value={values.fee} placeholder="例如 0" maxlength={8} type="digit" onInput={(fee) => set({ fee }, 'fee')} />
      </FormField>
      {formError ? (
        <Text className="staff-item__error" id="session-form-error">
          {formError}
        </Text>
      ) : null}
      <OptionSheet
        name="institutionCode"
        title="选择评价机构"
        options={institutionOptions}
        value={values.institutionCode}
        open={choosing === 'institutionCode'}
        onSelect={(v) => {
          set({ institutionCode: v, occupation: '', level: '' }, 'institutionCode', 'occupation', 'level')
          setChoosing(null)
        }}
        onClose={() => setChoosing(null)}
      />
      <OptionSheet
        name="occupation"
        title="选择评价职业"
        options={occupationOptions}
        value={values.occupation}
        open={choosing === 'occupation'}
        onSelect={(v) => {
          const levels = institution?.occupations.find((o) => o.code === v)?.levels ?? []
          set({ occupation: v, level: levels.length === 1 ? levels[0]! : levels.includes(values.level as never) ? values.level : '' }, 'occupation', 'level')
          setChoosing(null)
        }}
        onClose={() => setChoosing(null)}
      />
      <OptionSheet
        name="level"
        title="选择等级"
        options={levelOptions}
        value={values.level}
        open={choosing === 'level'}
        onSelect={(v) => {
          set({ level: v }, 'level')
          setChoosing(null)
        }}
        onClose={() => setChoosing(null)}
      />
      <OptionSheet
        name="district"
        title="选择所在区"
        options={DISTRICT_OPTIONS}
        value={values.district}
        open={choosing === 'district'}
        columns={3}
        onSelect={(v) => {
          set({ district: v }, 'district')
          setChoosing(null)
        }}
        onClose={() => setChoosing(null)}
      />
    </Sheet>
  )
}
