/** One certificate in a list: status, number, occupation and level, institution, issue date. */
import { Text, View } from '@tarojs/components'
import type { PublicCertificate } from '@jz/shared'
import { Tag } from './Tag'
import { formatDay } from '../services/format'
import { levelText, occupationText, statusText, typeText } from '../services/certificate'
import './CertificateCard.css'

export function CertificateCard({ certificate: c, id, onOpen }: { certificate: PublicCertificate; id: string; onOpen?: () => void }) {
  return (
    <View className={`card cert-card cert-card--${c.status}`} id={id} onClick={onOpen}>
      <View className="cert-card__head">
        <Tag tone={c.status === 'valid' ? 'green' : 'red'} id={`${id}-status`}>
          {statusText(c)}
        </Tag>
        <Text className="cert-card__type">{typeText(c)}</Text>
      </View>
      <Text className="cert-card__title">{occupationText(c)}</Text>
      <Text className="cert-card__line">等级：{levelText(c)}</Text>
      <Text className="cert-card__line">持证人：{c.holder.name}</Text>
      <Text className="cert-card__line cert-card__no" id={`${id}-no`}>
        编号：{c.certificateNo}
      </Text>
      <Text className="cert-card__line">发证：{c.institution.name}</Text>
      <Text className="cert-card__line">发证日期：{formatDay(c.issuedOn, '')}</Text>
      {onOpen ? <Text className="cert-card__more">查看详情 ›</Text> : null}
    </View>
  )
}
