import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { ProjectListItem } from '@jz/shared'
import { LatestArticles } from '../../components/LatestArticles'
import { SearchBar } from '../../components/SearchBar'
import { EnrollmentStateTag } from '../../components/Tag'
import { LoadingState } from '../../components/states'
import { errorMessage, listProjects } from '../../services/api'
import { KEY_FIELDS } from '../../services/catalog'
import { formatDay, weekday } from '../../services/format'
import { openClass, openPage, openProfile, openTrainingWith } from '../../services/navigation'
import { openJobMatches, openJobs } from '../../services/jobs'
import { scanQrCode, supportsScan } from '../../services/platform-device'
import { openScannedCode } from '../../services/referral'
import { useSession } from '../../services/session'
import './index.css'

const STEPS = ['选培训', '去上课', '考证书', '找工作'] as const

const SERVICES = [
  { page: 'institutions', name: '机构名录', text: '培训、评价机构' },
  { page: 'demands', name: '需求清单', text: '企业要招什么人' },
  { page: 'salary', name: '薪酬指引', text: '各工种挣多少' },
] as const

const POLICIES = [
  { title: '符合条件可免费培训', text: '参加政府补贴的培训项目，培训费由政府承担，个人不用交钱。标“政府补贴”的项目就是。' },
  { title: '学完可以考证', text: '培训结业后，可以参加职业技能等级认定，考取国家认可的技能证书。' },
  { title: '身边有人帮您', text: '不会报名？到附近的就业服务站，工作人员可以帮您挑选培训、办理报名。' },
] as const

type Upcoming = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; items: ProjectListItem[] }

export default function HomePage() {
  const session = useSession()
  const [text, setText] = useState('')
  const [upcoming, setUpcoming] = useState<Upcoming>({ status: 'loading' })

  useDidShow(() => {
    void session.refresh()
  })

  useEffect(() => {
    listProjects({ open: true }, { sort: 'soonest', limit: 4 }, { silent: true })
      .then((page) => setUpcoming({ status: 'ready', items: page.items.filter((p) => p.nextClass) }))
      .catch((e: unknown) => setUpcoming({ status: 'error', message: errorMessage(e) }))
  }, [])

  const needsProfile = session.loggedIn && session.user?.hasProfile === false

  const search = (q: string) => {
    setText('')
    openTrainingWith(q.trim() ? { q: q.trim() } : {})
  }

  const scan = async () => {
    const result = await scanQrCode()
    if (!result) return
    if (!openScannedCode(result, (page, query) => openPage(page, query))) {
      void Taro.showToast({ title: '这不是报名二维码，请扫服务站海报上的码', icon: 'none', duration: 2500 })
    }
  }

  return (
    <View className="home">
      <View className="home__hero">
        <Text className="home__title">技能照亮前程</Text>
        <Text className="home__intro">北京市项目制培训：岗位需求＋技能培训＋技能评价＋就业服务</Text>
        <View className="home__search-row">
          <View className="home__search">
            <SearchBar id="home-search" light value={text} placeholder="搜培训，如：养老" onInput={setText} onSearch={search} />
          </View>
          {supportsScan ? (
            <View className="home__scan" id="home-scan" onClick={() => void scan()}>
              <View className="home__scan-icon" />
              <Text className="home__scan-text">扫码</Text>
            </View>
          ) : null}
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
            <View
              key={f.code}
              className={`home__field home__field--${f.code}`}
              id={`home-field-${f.code}`}
              onClick={() => openTrainingWith({ field: f.code })}
            >
              <Text className="home__field-name">{f.name}</Text>
              <Text className="home__field-examples">{f.examples}</Text>
            </View>
          ))}
        </View>

        <View className="home__section-head">
          <Text className="section-title">近期开班</Text>
          <View className="home__more" id="home-upcoming-all" onClick={() => openTrainingWith({ open: true })}>
            <Text>全部 ›</Text>
          </View>
        </View>
        <View className="card home__upcoming" id="home-upcoming">
          {upcoming.status === 'loading' ? (
            <LoadingState text="正在查找近期开班…" />
          ) : upcoming.status === 'error' ? (
            <Text className="card__text">近期开班没有加载出来：{upcoming.message}</Text>
          ) : upcoming.items.length === 0 ? (
            <Text className="card__text">最近没有正在报名的班次，过几天再来看看。</Text>
          ) : (
            upcoming.items.map((p) => {
              const c = p.nextClass!
              return (
                <View key={c.id} className="home__class" id={`home-class-${c.id}`} onClick={() => openClass(c.id)}>
                  <View className="home__class-date">
                    <Text className="home__class-day">{formatDay(c.startDate)}</Text>
                    <Text className="home__class-weekday">{weekday(c.startDate)}开班</Text>
                  </View>
                  <View className="home__class-main">
                    <Text className="home__class-title">{p.title}</Text>
                    <Text className="home__class-place">
                      {c.online ? '线上授课' : c.districtName} · 剩{c.seatsLeft}个名额
                    </Text>
                  </View>
                  <EnrollmentStateTag state={c.enrollment} />
                </View>
              )
            })
          )}
        </View>

        <View className="card home__jobs" id="home-jobs">
          <View className="home__jobs-link" id="home-job-matches" onClick={openJobMatches}>
            <Text className="card__title">为您推荐的岗位 ›</Text>
            <Text className="card__text">按您的证书和培训，挑出合适的在招岗位</Text>
          </View>
          <View className="home__jobs-link" id="home-jobs-all" onClick={openJobs}>
            <Text className="card__title">找岗位 ›</Text>
            <Text className="card__text">按工种、区域查看在招岗位和工资</Text>
          </View>
        </View>

        <Text className="section-title">查一查</Text>
        <View className="home__services">
          {SERVICES.map((s) => (
            <View key={s.page} className="home__service" id={`home-${s.page}`} onClick={() => openPage(s.page)}>
              <Text className="home__service-name">{s.name}</Text>
              <Text className="home__service-text">{s.text}</Text>
            </View>
          ))}
        </View>

        <LatestArticles />

        <Text className="section-title">政策要点</Text>
        {POLICIES.map((p) => (
          <View key={p.title} className="card home__policy">
            <Text className="card__title">{p.title}</Text>
            <Text className="card__text">{p.text}</Text>
          </View>
        ))}

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
