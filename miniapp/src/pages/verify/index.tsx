import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { ErrorState, LoadingState } from '../../components/states'
import { verifyCertificate } from '../../services/api'
import { levelText, occupationText, statusText, typeText } from '../../services/certificate'
import { formatDay } from '../../services/format'
import { useLoad } from '../../services/load'
import '../../components/detail.css'
import './index.css'

/** 证书验证, what a certificate's QR code opens: is it genuine and still valid? Holder masked. */
export default function VerifyPage() {
  const token = useRouter().params.token ?? ''
  const loaded = useLoad(token || null, () => verifyCertificate(token, { silent: true }))

  if (!token) {
    return (
      <View className="page">
        <ErrorState message="链接不完整，请重新扫描证书上的二维码" />
      </View>
    )
  }
  if (loaded.status === 'loading') {
    return (
      <View className="page">
        <LoadingState text="正在核验证书…" />
      </View>
    )
  }
  if (loaded.status === 'error') {
    return (
      <View className="page" id="verify-page">
        <ErrorState message={loaded.message} onRetry={loaded.reload} />
      </View>
    )
  }

  const c = loaded.data.certificate
  const valid = c.status === 'valid'
  const facts: [string, string][] = [
    ['持证人', c.holder.name],
    ['证件号码', c.holder.idNumberMasked],
    ['职业（工种）', occupationText(c)],
    ['等级', levelText(c)],
    ['证书编号', c.certificateNo],
    ['发证机构', c.institution.name],
    ['发证日期', formatDay(c.issuedOn, '')],
  ]
  if (!valid && c.revokedAt) facts.push(['撤销日期', formatDay(c.revokedAt.slice(0, 10), '')])

  return (
    <View className="page detail verify" id="verify-page">
      <View className={`verify__badge verify__badge--${c.status}`} id="verify-status">
        <Text className="verify__badge-mark">{valid ? '✓' : '✕'}</Text>
        <Text className="verify__badge-text">{statusText(c)}</Text>
        <Text className="verify__badge-note">{valid ? '这张证书真实有效' : '这张证书已被发证机构撤销，不再有效'}</Text>
      </View>
      <View className="card">
        <Text className="detail__title">{typeText(c)}</Text>
        <View className="detail__facts" id="verify-facts">
          {facts.map(([label, value]) => (
            <View key={label} className="detail__fact">
              <Text className="detail__fact-label">{label}</Text>
              <Text className="detail__fact-value" id={label === '持证人' ? 'verify-holder' : undefined}>
                {value}
              </Text>
            </View>
          ))}
        </View>
      </View>
      <Text className="verify__source">以上信息来自北京市职业技能评价证书库</Text>
    </View>
  )
}
