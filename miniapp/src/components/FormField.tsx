/** A labelled form row with room for a hint and an error message under it. */
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import './FormField.css'

interface FormFieldProps {
  /** Field name, used for ids: `field-<name>`, `error-<name>`. */
  name: string
  label: string
  error?: string
  hint?: string
  children: ReactNode
}

export function FormField({ name, label, error, hint, children }: FormFieldProps) {
  return (
    <View className={`field${error ? ' field--invalid' : ''}`} id={`field-${name}`}>
      <Text className="field__label">{label}</Text>
      {children}
      {hint && !error ? <Text className="field__hint">{hint}</Text> : null}
      {error ? (
        <Text className="field__error" id={`error-${name}`}>
          {error}
        </Text>
      ) : null}
    </View>
  )
}

/** The tappable box that opens an option sheet; shows the chosen label or a placeholder. */
export function ChoiceBox({ id, label, placeholder, onOpen }: { id: string; label?: string; placeholder: string; onOpen: () => void }) {
  return (
    <View className="field__control field__choice" id={id} onClick={onOpen}>
      <Text className={label ? 'field__choice-value' : 'field__placeholder'}>{label ?? placeholder}</Text>
      <Text className="field__chevron">›</Text>
    </View>
  )
}
