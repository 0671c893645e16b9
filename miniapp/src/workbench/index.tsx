import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { ROLE_LABELS, type StationStats } from '@jz/shared'
import { EmptyState, ErrorState, LoadingState, SignInRequired } from '../components/states'
import { getStationStats } from '../services/api'
import { formatDay } from '../services/format'
import { openWorkbenchJobs, openWorkbenchOutcomes } from '../services/jobs'
import { useLoad } from '../services/load'
import { openLogin, openPage } from '../services/navigation'
import { isEvaluatorStaff, isInstitutionStaff, isStationStaff, isSubsidyReviewer } from '../services/staff'
import { useSession } from '../services/session'
import { BarChart } from './components/BarChart'
import './index.css'

// Six weeks keep each week's date label readable on a phone.
const WEEKS = 6

export default function WorkbenchPage() {
  const session = useSession()
  useDidShow(() => {
    void session.refresh()
  })
  const user = session.user

  if (!session.loggedIn || !user) {
    return <SignInRequired text="工作台供服务站、培训机构、评价机构和补贴审核人员使用。" onLogin={openLogin} />
  }
  const station = isStationStaff(user)
  const institution = isInstitutionStaff(user)
  const reviewer = isSubsidyReviewer(user)
  const evaluator = isEvaluatorStaff(user)
  if (!station && !institution && !reviewer && !evaluator) {
    return (
      <View className="page">
        <View className="card">
          <EmptyState title="您还没有工作台权限" text="如果您是服务站或培训机构的工作人员，请联系管理员开通。" />
        </View>
      </View>
    )
  }

  return (
    <View className="page" id="workbench-page">
      <Text className="bench__roles">{user.roles.map((r) => ROLE_LABELS[r.role]).join('、')}</Text>
      {station ? <StationSection /> : null}
      {institution ? (
        <View className="card" id="bench-institution">
          <Text className="card__title">培训机构</Text>
          <Text className="card__text">选择班次后：扫学员的签到码签到、查看花名册和出勤、结课后办理结业。</Text>
          <Button className="btn-block" id="bench-open-class" type="primary" size="xlarge" block onClick={() => openPage('workbenchClass')}>
            签到和结业
          </Button>
          <Button className="btn-block" id="bench-open-proposals" size="xlarge" block onClick={() => openPage('workbenchProposals')}>
            项目申报（对照需求开发培训项目）
          </Button>
          <Button className="btn-block" id="bench-open-classes" size="xlarge" block onClick={() => openPage('workbenchClasses')}>
            我的班次（开班、发布、取消）
          </Button>
        </View>
      ) : null}
      {station || reviewer || institution ? (
        <View className="card" id="bench-jobs">
          <Text className="card__title">岗位和就业</Text>
          <Text className="card__text">发布企业的招聘岗位、查看感兴趣的求职者并电话联系；为培训或推荐的人员登记就业。</Text>
          {station || reviewer ? (
            <Button className="btn-block" id="bench-open-jobs" type="primary" size="xlarge" block onClick={openWorkbenchJobs}>
              岗位管理
            </Button>
          ) : null}
          {station || institution ? (
            <Button className="btn-block" id="bench-open-outcomes" size="xlarge" block onClick={openWorkbenchOutcomes}>
              就业登记
            </Button>
          ) : null}
        </View>
      ) : null}
      {reviewer ? (
        <View className="card" id="bench-review">
          <Text className="card__title">补贴审核</Text>
          <Text className="card__text">审核本区的技能提升补贴申请：初审、通过或驳回，批量通过，查看统计。</Text>
          <Button className="btn-block" id="bench-open-review" type="primary" size="xlarge" block onClick={() => openPage('workbenchReview')}>
            补贴审核
          </Button>
          <Button className="btn-block" id="bench-open-proposal-review" size="xlarge" block onClick={() => openPage('workbenchProposalReview')}>
            项目审核（培训目录）
          </Button>
          <Button className="btn-block" id="bench-open-demand-review" size="xlarge" block onClick={() => openPage('workbenchDemandReview')}>
            需求审核（需求清单）
          </Button>
          <Button className="btn-block" id="bench-open-whitelist" size="xlarge" block onClick={() => openPage('workbenchWhitelist')}>
            机构白名单
          </Button>
        </View>
      ) : null}
      {reviewer ? (
        <View className="card" id="bench-dashboard">
          <Text className="card__title">数据看板和政策资讯</Text>
          <Text className="card__text">从报名到就业的人数和转化率、按月趋势和分项统计，可导出表格；发布政策解读、项目动态和典型案例。</Text>
          <Button className="btn-block" id="bench-open-dashboard" type="primary" size="xlarge" block onClick={() => openPage('workbenchDashboard')}>
            数据看板
          </Button>
          <Button className="btn-block" id="bench-open-articles" size="xlarge" block onClick={() => openPage('workbenchArticles')}>
            政策资讯管理
          </Button>
        </View>
      ) : null}
      {evaluator ? (
        <View className="card" id="bench-evaluation">
          <Text className="card__title">评价机构</Text>
          <Text className="card__text">发布评价场次（职业、等级、时间和考点），停止报名或取消；录入考生成绩（合格即发证），导入历史证书。</Text>
          <Button className="btn-block" id="bench-open-evaluation" type="primary" size="xlarge" block onClick={() => openPage('workbenchEvaluation')}>
            评价成绩和证书导入
          </Button>
          <Button className="btn-block" id="bench-open-sessions" size="xlarge" block onClick={() => openPage('workbenchSessions')}>
            评价场次（发布、停止报名、取消）
          </Button>
        </View>
      ) : null}
    </View>
  )
}

function StationSection() {
  const stats = useLoad(`weeks-${WEEKS}`, () => getStationStats(WEEKS, { silent: true }))
  return (
    <View className="card" id="bench-station">
      <Text className="card__title">就业服务站</Text>
      {stats.status === 'loading' ? (
        <LoadingState />
      ) : stats.status === 'error' ? (
        <ErrorState message={stats.message} onRetry={stats.reload} />
      ) : (
        <StationStatsView stats={stats.data} />
      )}
      <Button className="btn-block" id="bench-open-station" type="primary" size="xlarge" block onClick={() => openPage('workbenchStation')}>
        生成班次报名二维码
      </Button>
    </View>
  )
}

function StationStatsView({ stats }: { stats: StationStats }) {
  const { totals } = stats
  return (
    <View>
      <Text className="card__text">{stats.station.name}</Text>
      <View className="bench__totals">
        <Total label="扫码访问" value={totals.referrals} />
        <Total label="报名" value={totals.enrollments} />
        <Total label="结业" value={totals.completions} />
      </View>
      <Text className="bench__sub">最近 {stats.byWeek.length} 周</Text>
      <BarChart
        id="bench-weekly-chart"
        series={[
          { key: 'referrals', label: '扫码访问', color: '#86a8e7' },
          { key: 'enrollments', label: '报名', color: '#1a5fd0' },
          { key: 'completions', label: '结业', color: '#2b8a3e' },
        ]}
        groups={stats.byWeek.map((w) => ({
          label: formatDay(w.weekStart).replace(/^\d+年/, '').replace('月', '/').replace('日', ''),
          values: { referrals: w.referrals, enrollments: w.enrollments, completions: w.completions },
        }))}
      />
      {stats.byClass.length ? (
        <>
          <Text className="bench__sub">推荐最多的班次</Text>
          {stats.byClass.slice(0, 5).map((c) => (
            <View key={c.classId} className="bench__class">
              <Text className="bench__class-title">
                {c.projectTitle} · {c.className}
              </Text>
              <Text className="bench__class-line">
                访问 {c.referrals} · 报名 {c.enrollments} · 结业 {c.completions}
              </Text>
            </View>
          ))}
        </>
      ) : null}
    </View>
  )
}

function Total({ label, value }: { label: string; value: number }) {
  return (
    <View className="bench__total">
      <Text className="bench__total-value">{value}</Text>
      <Text className="bench__total-label">{label}</Text>
    </View>
  )
}
