/** One class (班次) of a project: dates, place, seats left and whether it takes sign-ups now. */
import { Text, View } from '@tarojs/components'
import type { ClassSummary } from '@jz/shared'
import { formatDayRange, formatFee } from '../services/format'
import { EnrollmentStateTag } from './Tag'
import './ClassCard.css'

export function ClassCard({ cls, title, onOpen }: { cls: ClassSummary; title?: string; onOpen: (id: string) => void }) {
  return (
    <View className="class-card" id={`class-${cls.id}`} onClick={() => onOpen(cls.id)}>
      <View className="class-card__head">
        <Text className="class-card__name">{title ?? cls.name}</Text>
        <EnrollmentStateTag state={cls.enrollment} />
      </View>
      {title ? <Text className="class-card__line">{cls.name}</Text> : null}
      <Text className="class-card__line">{formatDayRange(cls.startDate, cls.endDate)}</Text>
      <Text className="class-card__line">{cls.schedule}</Text>
      <Text className="class-card__line">{cls.online ? '线上授课' : `${cls.districtName} · ${cls.address}`}</Text>
      <View className="class-card__foot">
        <Text className="class-card__seats">
          {cls.seatsLeft > 0 ? (
            <>
              剩余名额 <Text className="class-card__seats-value">{cls.seatsLeft}</Text> / {cls.capacity}
            </>
          ) : (
            '名额已满，可候补'
          )}
        </Text>
        <Text className="class-card__fee">{formatFee(cls.fee)}</Text>
        <Text className="class-card__go">查看 ›</Text>
      </View>
    </View>
  )
}
