import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { ErrorState, LoadingState } from '../../components/states'
import { getStationQrCode } from '../../services/api'
import { formatDayRange } from '../../services/format'
import { useLoad } from '../../services/load'
import { openStaffFile } from '../../services/platform-device'
import { ClassPicker, type PickedClass } from '../components/ClassPicker'
import './index.css'

export default function StationQrPage() {
  const [picked, setPicked] = useState<PickedClass | null>(null)
  if (!picked) {
    return (
      <View className="page" id="station-qr-page">
        <Text className="station__intro">选一个班次，生成带本服务站编码的报名二维码。居民扫码报名，会记为本站推荐。</Text>
        <ClassPicker onPick={setPicked} />
      </View>
    )
  }
  return <StationQr picked={picked} onBack={() => setPicked(null)} />
}

function StationQr({ picked, onBack }: { picked: PickedClass; onBack: () => void }) {
  const qr = useLoad(picked.cls.id, () => getStationQrCode({ classId: picked.cls.id }, { silent: true }))
  const [posterNote, setPosterNote] = useState('')

  const poster = async () => {
    setPosterNote('')
    const opened = await openStaffFile(`/api/stations/me/poster?classId=${encodeURIComponent(picked.cls.id)}`)
    if (!opened) setPosterNote('海报是可打印的图片文件，请在电脑上打开网页版工作台下载打印。')
  }

  return (
    <View className="page" id="station-qr-page">
      <View className="card">
        <Text className="station__title">{picked.project.title}</Text>
        <Text className="card__text">
          {picked.cls.name} · {formatDayRange(picked.cls.startDate, picked.cls.endDate)}
        </Text>
      </View>
      <View className="card station__qr-card">
        {qr.status === 'loading' ? (
          <LoadingState text="正在生成二维码…" />
        ) : qr.status === 'error' ? (
          <ErrorState message={qr.message} onRetry={qr.reload} />
        ) : (
          <>
            <Text className="station__code-label">{qr.data.wxacode ? '小程序码' : '报名二维码'}</Text>
            <Image className="station__qr" id="station-qr" src={qr.data.wxacode ?? qr.data.qrcode} mode="aspectFit" />
            <Text className="station__caption">{qr.data.station.name}</Text>
            {qr.data.wxacodeError ? <Text className="station__note">小程序码暂时生成不了（{qr.data.wxacodeError.message}），先用这个二维码，微信和浏览器都能扫。</Text> : null}
            <Button
              className="btn-block"
              id="station-copy-link"
              fill="outline"
              size="large"
              block
              onClick={() => void Taro.setClipboardData({ data: qr.data.url }).catch(() => undefined)}
            >
              复制报名链接
            </Button>
            <Button className="btn-block" id="station-poster" type="primary" size="large" block onClick={() => void poster()}>
              打开可打印海报
            </Button>
            {posterNote ? <Text className="station__note">{posterNote}</Text> : null}
          </>
        )}
      </View>
      <Button className="btn-block" size="large" block fill="outline" onClick={onBack}>
        换一个班次
      </Button>
    </View>
  )
}
