import { View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { EmptyState } from '../../components/states'
import { openLogin } from '../../services/navigation'
import { useSession } from '../../services/session'

/** Certificates are issued by a later issue; this page shows the honest empty state. */
export default function CertificatesPage() {
  const session = useSession()
  useDidShow(() => {
    void session.refresh()
  })

  return (
    <View className="page" id="certificates-page">
      <View className="card">
        {session.loggedIn ? (
          <EmptyState title="还没有证书" text="参加培训并通过技能评价后，您的证书会显示在这里。" />
        ) : (
          <EmptyState title="登录后查看证书" text="您通过技能评价获得的证书会显示在这里。">
            <Button className="btn-block" id="certificates-login" type="primary" size="xlarge" block onClick={openLogin}>
              登录
            </Button>
          </EmptyState>
        )}
      </View>
    </View>
  )
}
