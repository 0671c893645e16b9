import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { Button, Cell } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css'
import { HOUSEHOLD_TYPES, ID_TYPES, PERSON_CATEGORIES, districtName } from '@jz/shared'
import { EmptyState, ErrorState, LoadingState } from '../../components/states'
import { openLogin, openPage, openProfile } from '../../services/navigation'
import { openJobMatches } from '../../services/jobs'
import { hasWorkbench } from '../../services/staff'
import { useProfile } from '../../services/profile'
import { getSessionState, refreshSession, signOut, useSession } from '../../services/session'
import './index.css'

export default function MePage() {
  const session = useSession()
  const profile = useProfile()

  useDidShow(() => {
    void refreshSession().then(() => {
      // Read the store, not this render's copy: the refresh may have changed who is signed in.
      if (getSessionState().status === 'signedIn') void profile.load()
    })
  })

  const logout = () => {
    signOut()
    profile.reset()
  }

  if (session.status === 'unknown' || (session.status === 'loading' && !session.user)) {
    return (
      <View className="page">
        <LoadingState />
      </View>
    )
  }

  if (session.status === 'error' && !session.user) {
    return (
      <View className="page">
        <ErrorState message={session.error?.message ?? '请稍后再试'} onRetry={() => void session.refresh()} />
      </View>
    )
  }

  if (!session.loggedIn || !session.user) {
    return (
      <View className="page me" id="me-page">
        <View className="me__header">
          <View className="me__avatar me__avatar--empty" />
          <Text className="me__name">您还没有登录</Text>
        </View>
        <View className="card">
          <Text className="card__text">登录后可以填写个人资料、报名培训、查看证书。</Text>
          <Button className="btn-block" id="me-login" type="primary" size="xlarge" block onClick={openLogin}>
            登录
          </Button>
        </View>
      </View>
    )
  }

  const user = session.user
  return (
    <View className="page me" id="me-page">
      <View className="me__header">
        <View className="me__avatar">
          <Text className="me__avatar-text">{Array.from(user.displayName)[0] ?? '我'}</Text>
        </View>
        <Text className="me__name" id="me-name">
          {user.displayName}
        </Text>
      </View>

      <Cell.Group className="info-cells me__menu">
        <Cell title="我的报名" description="报名的培训、签到码" className="me__link-enrollments" clickable onClick={() => openPage('enrollments')} extra="›" />
        <Cell title="我的补贴" description="技能提升补贴的审核进度" className="me__link-subsidies" clickable onClick={() => openPage('subsidies')} extra="›" />
        <Cell title="为您推荐的岗位" description="按您的证书和培训挑选" className="me__link-job-matches" clickable onClick={openJobMatches} extra="›" />
        {hasWorkbench(user) ? (
          <Cell title="工作台" description="服务站、培训机构、评价机构、审核人员使用" className="me__link-workbench" clickable onClick={() => openPage('workbench')} extra="›" />
        ) : null}
      </Cell.Group>

      <Text className="section-title">我的资料</Text>
      <View className="me__profile" id="me-profile-card">
        {profile.status === 'loading' || profile.status === 'idle' ? (
          <View className="card">
            <LoadingState text="正在读取资料…" />
          </View>
        ) : profile.status === 'error' ? (
          <View className="card">
            <ErrorState message={profile.error} onRetry={() => void profile.load()} />
          </View>
        ) : !profile.profile ? (
          <View className="card">
            <EmptyState title="还没有填写个人资料" text="完善资料后才能报名培训和申请补贴。">
              <Button className="btn-block" id="me-complete-profile" type="primary" size="xlarge" block onClick={openProfile}>
                完善资料
              </Button>
            </EmptyState>
          </View>
        ) : (
          <Cell.Group className="info-cells">
            <Cell title="真实姓名" extra={profile.profile.realName} />
            <Cell title="证件类型" extra={ID_TYPES[profile.profile.idType]} />
            <Cell title="证件号码" extra={<Text id="me-id-masked">{profile.profile.idNumberMasked}</Text>} />
            <Cell title="手机号" extra={<Text id="me-mobile-masked">{profile.profile.mobileMasked}</Text>} />
            <Cell title="人员类别" extra={PERSON_CATEGORIES[profile.profile.category]} />
            <Cell title="所在区" extra={districtName(profile.profile.district) ?? profile.profile.district} />
            <Cell title="户籍类型" extra={HOUSEHOLD_TYPES[profile.profile.householdType]} />
            <Cell title="修改资料" id="me-edit-profile" clickable onClick={openProfile} extra="›" />
          </Cell.Group>
        )}
      </View>

      <Button className="btn-block me__logout" id="me-logout" size="xlarge" block onClick={logout}>
        退出登录
      </Button>
    </View>
  )
}
