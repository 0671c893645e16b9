/** Small labels: a class's enrollment state, and plain facts such as 初级工 or 免费. */
import { Text } from '@tarojs/components'
import { ENROLLMENT_STATES, type EnrollmentState } from '@jz/shared'
import './Tag.css'

export type TagTone = 'blue' | 'green' | 'orange' | 'grey' | 'red'

export function Tag({ tone = 'blue', children, id }: { tone?: TagTone; children: string; id?: string }) {
  return (
    <Text className={`tag tag--${tone}`} id={id}>
      {children}
    </Text>
  )
}

const STATE_TONE: Record<EnrollmentState, TagTone> = { open: 'green', not_open: 'blue', full: 'orange', closed: 'grey' }

export function EnrollmentStateTag({ state }: { state: EnrollmentState }) {
  return <Tag tone={STATE_TONE[state]}>{ENROLLMENT_STATES[state]}</Tag>
}
