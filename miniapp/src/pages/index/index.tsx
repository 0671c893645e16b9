import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useSession } from '../../services/session'
import { openProfile, openTab } from '../../services/navigation'
import './index.css'

/** The programme's four key fields; the catalog behind them arrives with the 培训 page. */
const KEY_FIELDS = [
  { key: 'care', name: '康养托育', examples: '养老 · 育婴 · 保育' },
  { key: 'manufacturing', name: '先进制造', examples: '电工 · 焊工 · 数控' },
  { key: 'services', name: '现代服务', examples: '家政 · 烹饪 · 物流' },
  { key: 'new', name: '新职业', examples: '直播销售 · 无人机' },
] as const

const STEPS = ['选培训', '去上课', '考证书', '找工作'] as const

export default function HomePage() {
  const session = useSession()
  useDidShow(() => {
    void session.refresh()
  })
  const needsProfile = session.loggedIn && session.user?.hasProfile === false

  return (
    <View className="home">
      <View className="home__hero">
        <Text className="home__title">技能照亮前程</Text>
        <Text className="home__intro">北京市项目制培训：岗位需求＋技能培训＋技能评价＋就业服务</Text>
        <View className="home__search" id="home-search" onClick={() => openTab('training')}>
          <View className="home__search-icon" />
          <Text className="home__search-text">搜索培训课程、工种</Text>
        </View>
      </View>

      <View className="home__body">
        {needsProfile ? (
          <View className="card home__reminder" id="home-profile-reminder" onClick={openProfile}>
            <View className="home__reminder-main">
              <Text className="card__title">请先完善资料</Text>
              <Text className="card__text">填好姓名、证件和所在区，才能报名培训和申请补贴。</Text>
            </View>
            <Text className="home__reminder-action">完善资料</Text>
          </View>
        ) : null}

        <Text className="section-title">重点领域</Text>
        <View className="home__fields">
          {KEY_FIELDS.map((f) => (
            <View key={f.key} className={`home__field home__field--${f.key}`} id={`home-field-${f.key}`} onClick={() => openTab('training')}>
              <Text className="home__field-name">{f.name}</Text>
              <Text className="home__field-examples">{f.examples}</Text>
            </View>
          ))}
        </View>

        <Text className="section-title">怎么参加</Text>
        <View className="card home__steps">
          {STEPS.map((step, i) => (
            <View key={step} className="home__step">
              <Text className="home__step-no">{i + 1}</Text>
              <Text className="home__step-name">{step}</Text>
            </View>
          ))}
        </View>
      </View>
    </View>
  )
}
