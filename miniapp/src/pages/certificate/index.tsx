import { Image, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { useRouter } from '@tarojs/taro'
import { ID_TYPES } from '@jz/shared'
import type { OwnCertificate, StaffCertificate } from '@jz/shared'
import { Tag } from '../../components/Tag'
import { ErrorState, LoadingState } from '../../components/states'
import { getCertificate, getCertificateQrCode } from '../../services/api'
import { levelText, occupationText, statusText, typeText } from '../../services/certificate'
import { formatDay } from '../../services/format'
import { useLoad } from '../../services/load'
import { openPage } from '../../services/navigation'
import '../../components/detail.css'
import './index.css'

const isOwn = (c: OwnCertificate | StaffCertificate): c is OwnCertificate => 'verifyToken' in c

/** 证书详情: every field of the certificate and the QR code anyone can scan to check it. */
export default function CertificatePage() {
  const id = useRouter().params.id ?? ''
  const loaded = useLoad(id || null, () => getCertificate(id, { silent: true }))

  if (!id) {
    return (
      <View className="page">
        <ErrorState message="没有指明要看哪张证书" />
      </View>
    )
  }
  if (loaded.status === 'loading') {
    return (
      <View className="page">
        <LoadingState text="正在读取证书…" />
      </View>
    )
  }
  if (loaded.status === 'error') {
    return (
      <View className="page">
        <ErrorState message={loaded.message} onRetry={loaded.reload} />
      </View>
    )
  }

  const c = loaded.data.certificate
  const facts: [string, string][] = [
    ['证书类型', typeText(c)],
    ['证书编号', c.certificateNo],
    ['持证人', c.holder.name],
    ['证件类型', ID_TYPES[c.holder.idType]],
    ['证件号码', isOwn(c) && c.holder.idNumber ? c.holder.idNumber : c.holder.idNumberMasked],
    ['职业（工种）', occupationText(c)],
    ['等级', levelText(c)],
    ['发证机构', c.institution.name],
    ['发证日期', formatDay(c.issuedOn, '')],
  ]
  if (c.status === 'revoked') {
    if (c.revokedAt) facts.push(['撤销日期', formatDay(c.revokedAt.slice(0, 10), '')])
    if (c.revokeReason) facts.push(['撤销原因', c.revokeReason])
  }

  return (
    <View className="page detail cert-detail" id="certificate-page">
      <View className="card">
        <View className="cert-detail__head">
          <Tag tone={c.status === 'valid' ? 'green' : 'red'} id="certificate-status">
            {statusText(c)}
          </Tag>
        </View>
        <Text className="detail__title">{occupationText(c)}</Text>
        <View className="detail__facts" id="certificate-facts">
          {facts.map(([label, value]) => (
            <View key={label} className="detail__fact">
              <Text className="detail__fact-label">{label}</Text>
              <Text className="detail__fact-value">{value}</Text>
            </View>
          ))}
        </View>
      </View>
      {c.status === 'valid' ? <VerifyQrCode certificateId={c.id} /> : null}
      {c.status === 'valid' && isOwn(c) ? (
        <Button
          className="btn-block"
          id="certificate-apply-subsidy"
          type="primary"
          size="xlarge"
          block
          onClick={() => openPage('subsidyApply', { certificateId: c.id })}
        >
          申请补贴
        </Button>
      ) : null}
    </View>
  )
}

function VerifyQrCode({ certificateId }: { certificateId: string }) {
  const qr = useLoad(certificateId, () => getCertificateQrCode(certificateId, { silent: true }))
  return (
    <View className="card cert-detail__qr" id="certificate-qr">
      <Text className="card__title">验证二维码</Text>
      {qr.status === 'loading' ? (
        <LoadingState text="正在生成二维码…" />
      ) : qr.status === 'error' ? (
        <ErrorState message={qr.message} onRetry={qr.reload} />
      ) : (
        <>
          <Image className="cert-detail__qr-image" id="certificate-qr-image" src={qr.data.qrcode} mode="aspectFit" />
          <Text className="cert-detail__qr-text">用人单位用微信扫一扫这个码，就能看到证书是否有效。</Text>
        </>
      )}
    </View>
  )
}
