/** 新建 / 修改班次: a sheet with the class's fields; the capacity field shows the floor (people already signed up). */
import { useState } from 'react'
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { beijingToday, type SchedulableProject, type StaffClass } from '@jz/shared'
import { ChoiceBox, FormField } from '../../components/FormField'
import { OptionSheet } from '../../components/OptionSheet'
import { Sheet } from '../../components/Sheet'
import { errorMessage, fieldErrorsOf } from '../../services/api'
import { DISTRICT_OPTIONS, optionLabel } from '../../services/profileForm'
import { createClass, updateClass } from '../../services/publishing'
import { addDays, beijingDay, DateInput, TextInput } from '../components/FormInputs'
import { PublishFormFooter } from '../components/Publication'

const FIELDS = ['projectId', 'name', 'startDate', 'endDate', 'enrollClosesAt', 'district', 'address', 'schedule', 'capacity', 'fee'] as const
type Field = (typeof FIELDS)[number]
type Values = Record<Field, string>

/** Sign-up closes at 18:00 Beijing time on the chosen day. */
const closesAt = (day: string) => `${day}T18:00:00+08:00`

function initialValues(editing: StaffClass | null, projects: SchedulableProject[]): Values {
  if (editing) {
    return {
      projectId: editing.project.id,
      name: editing.name,
      startDate: editing.startDate,
      endDate: editing.endDate,
      enrollClosesAt: beijingDay(editing.enrollClosesAt),
      district: editing.district,
      address: editing.address,
      schedule: editing.schedule,
      capacity: String(editing.capacity),
      fee: String(editing.fee),
    }
  }
  const today = beijingToday()
  const project = projects.length === 1 ? projects[0] : undefined
  return {
    projectId: project?.id ?? '',
    name: '',
    startDate: addDays(today, 14),
    endDate: addDays(today, 18),
    enrollClosesAt: addDays(today, 12),
    district: '',
    address: '',
    schedule: '',
    capacity: '30',
    fee: project ? String(project.fee) : '0',
  }
}

interface ClassFormProps {
  editing: StaffClass | null
  projects: SchedulableProject[]
  onClose: () => void
  onSaved: (saved: StaffClass) => void
}

export function ClassForm({ editing, projects, onClose, onSaved }: ClassFormProps) {
  const [values, setValues] = useState<Values>(() => initialValues(editing, projects))
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState(false)
  const [choosing, setChoosing] = useState<'projectId' | 'district' | null>(null)
  const project = editing ? editing.project : projects.find((p) => p.id === values.projectId)
  const charges = project?.funding === 'fee'
  const set = (f: Field, v: string) => {
    setValues((old) => ({ ...old, [f]: v }))
    setErrors((old) => ({ ...old, [f]: undefined }))
  }

  const save = async (publish: boolean) => {
    const body = {
      name: values.name.trim(),
      startDate: values.startDate,
      endDate: values.endDate,
      enrollClosesAt: closesAt(values.enrollClosesAt),
      district: values.district,
      address: values.address.trim(),
      schedule: values.schedule.trim(),
      capacity: Number(values.capacity),
      ...(charges ? { fee: Number(values.fee) } : {}),
    }
    setBusy(true)
    setFormError('')
    try {
      const saved = editing
        ? await updateClass(editing.id, body, { silent: true })
        : await createClass({ ...body, projectId: values.projectId, enrollOpensAt: new Date().toISOString(), publish }, { silent: true })
      void Taro.showToast({ title: editing ? '已保存' : publish ? '已发布' : '已保存草稿', icon: 'success', duration: 1500 })
      onSaved(saved.class)
    } catch (e) {
      const known = fieldErrorsOf(e, [...FIELDS, 'enrollOpensAt'] as const)
      setErrors({ ...known, enrollClosesAt: known.enrollClosesAt ?? known.enrollOpensAt })
      setFormError(errorMessage(e))
      setBusy(false)
    }
  }

  const text = (f: Field, placeholder: string, maxlength: number, type: 'text' | 'number' | 'digit' = 'text') => (
    <TextInput name={f} value={values[f]} placeholder={placeholder} maxlength={maxlength} type={type} onInput={(v) => set(f, v)} />
  )
  const date = (f: 'startDate' | 'endDate' | 'enrollClosesAt') => <DateInput name={f} value={values[f]} onChange={(v) => set(f, v)} />
  const projectOptions = projects.map((p) => ({ value: p.id, label: `${p.title}（${p.code}）` }))

  return (
    <Sheet
      id="class-form"
      title={editing ? `修改班次 ${editing.code}` : '新建班次'}
      open
      onClose={onClose}
      footer={<PublishFormFooter id="class-form" editing={Boolean(editing)} busy={busy} onSave={(publish) => void save(publish)} />}
    >
      {editing ? null : (
        <FormField name="projectId" label="培训项目" error={errors.projectId} hint="只能在本机构已发布的项目下开班">
          <ChoiceBox id="picker-projectId" label={optionLabel(projectOptions, values.projectId)} placeholder="请选择项目" onOpen={() => setChoosing('projectId')} />
        </FormField>
      )}
      <FormField name="name" label="班次名称" error={errors.name}>
        {text('name', '例如 2026年第3期（周末班）', 60)}
      </FormField>
      <FormField name="startDate" label="开班日期" error={errors.startDate}>
        {date('startDate')}
      </FormField>
      <FormField name="endDate" label="结束日期" error={errors.endDate}>
        {date('endDate')}
      </FormField>
      <FormField name="enrollClosesAt" label="报名截止（当天18:00）" error={errors.enrollClosesAt} hint="不能晚于开班当天">
        {date('enrollClosesAt')}
      </FormField>
      <FormField name="schedule" label="上课时间（可不填）" error={errors.schedule}>
        {text('schedule', '例如 每周六、周日 9:00–16:30', 100)}
      </FormField>
      <FormField name="district" label="上课所在区" error={errors.district}>
        <ChoiceBox id="picker-district" label={optionLabel(DISTRICT_OPTIONS, values.district)} placeholder="请选择所在区" onOpen={() => setChoosing('district')} />
      </FormField>
      <FormField name="address" label="上课地址" error={errors.address} hint={project?.mode === 'online' ? '线上班可不填' : undefined}>
        {text('address', '街道、门牌号和教室', 200)}
      </FormField>
      <FormField
        name="capacity"
        label="名额"
        error={errors.capacity}
        hint={editing ? `已报名 ${editing.enrolled} 人，名额不能少于 ${editing.enrolled}` : '最多10000人'}
      >
        {text('capacity', '例如 30', 5, 'number')}
      </FormField>
      {charges ? (
        <FormField name="fee" label="费用（元）" error={errors.fee} hint="收费项目：未享受补贴的学员需交的费用">
          {text('fee', '例如 680', 8, 'digit')}
        </FormField>
      ) : null}
      {formError ? (
        <Text className="staff-item__error" id="class-form-error">
          {formError}
        </Text>
      ) : null}
      <OptionSheet
        name="projectId"
        title="选择培训项目"
        options={projectOptions}
        value={values.projectId}
        open={choosing === 'projectId'}
        onSelect={(v) => {
          set('projectId', v)
          set('fee', String(projects.find((p) => p.id === v)?.fee ?? 0))
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
          set('district', v)
          setChoosing(null)
        }}
        onClose={() => setChoosing(null)}
      />
    </Sheet>
  )
}
