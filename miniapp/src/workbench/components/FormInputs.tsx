/** The inputs the publishing forms (班次, 评价场次) share: a text box, a date and a time, each with the ids the tests use. */
import type { ReactNode } from 'react'
import { Input, Picker } from '@tarojs/components'
import { beijingToday } from '@jz/shared'
import { ChoiceBox } from '../../components/FormField'
import { formatDay } from '../../services/format'
import '../../components/FormField.css'

/** A day `n` days after `day` (YYYY-MM-DD). */
export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
/** The Beijing day (YYYY-MM-DD) of an instant. */
export const beijingDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10)
/** The Beijing time of day (HH:MM) of an instant. */
export const beijingTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16)
/** A Beijing day and time as an instant with its offset. */
export const beijingInstant = (day: string, time: string) => `${day}T${time}:00+08:00`

/** Free text; id `input-<name>`. */
export function TextInput(props: {
  name: string
  value: string
  placeholder: string
  maxlength: number
  type?: 'text' | 'number' | 'digit'
  onInput: (value: string) => void
}) {
  return (
    <Input
      id={`input-${props.name}`}
      className="field__control field__input"
      type={props.type ?? 'text'}
      placeholder={props.placeholder}
      placeholderClass="field__input-placeholder"
      maxlength={props.maxlength}
      value={props.value}
      onInput={(e) => props.onInput(e.detail.value)}
    />
  )
}

/** A day from today on; id `picker-<name>`. */
export function DateInput({ name, value, onChange }: { name: string; value: string; onChange: (day: string) => void }): ReactNode {
  return (
    <Picker mode="date" value={value} start={beijingToday()} onChange={(e) => onChange(String(e.detail.value))}>
      <ChoiceBox id={`picker-${name}`} label={value ? formatDay(value) : undefined} placeholder="请选择日期" onOpen={() => undefined} />
    </Picker>
  )
}

/** A time of day (HH:MM); id `picker-<name>`. */
export function TimeInput({ name, value, onChange }: { name: string; value: string; onChange: (time: string) => void }): ReactNode {
  return (
    <Picker mode="time" value={value} onChange={(e) => onChange(String(e.detail.value))}>
      <ChoiceBox id={`picker-${name}`} label={value || undefined} placeholder="请选择时间" onOpen={() => undefined} />
    </Picker>
  )
}
