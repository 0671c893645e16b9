import { useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { FUNNEL_STEPS, PERSON_CATEGORIES, districtName, funnelRange, type FunnelBucket, type FunnelExportKind, type FunnelQuery, type FunnelStats } from '@jz/shared'
import { ChoiceBox, FormField } from '../../components/FormField'
import { OptionSheet } from '../../components/OptionSheet'
import { EmptyState, ErrorState, LoadingState, NoAccess } from '../../components/states'
import { KEY_FIELDS } from '../../services/catalog'
import { useLoad } from '../../services/load'
import { downloadStaffFile } from '../../services/platform-download'
import { CATEGORY_OPTIONS, DISTRICT_OPTIONS, type Option } from '../../services/profileForm'
import { isSubsidyReviewer } from '../../services/staff'
import { useSession } from '../../services/session'
import { funnelExportPath, getFunnel } from '../../services/stats'
import { BarChart } from '../components/BarChart'
import { FunnelChart } from '../components/FunnelChart'
import { RankBars, type RankRow } from '../components/RankBars'
import './index.css'

type Sheet = 'district' | 'field' | 'category' | null
const ALL: Option = { value: '', label: '全部' }
// A phone shows twelve months' bars readably; longer ranges show their last twelve.
const TREND_MONTHS = 12

const monthLabel = (key: string) => `${Number(key.slice(5))}月`
const rows = (buckets: FunnelBucket[], label: (b: FunnelBucket) => string): RankRow[] =>
  buckets.map((b) => ({ key: b.key, label: label(b), value: b.enrolled, note: `结业 ${b.completed} · 取证 ${b.certified} · 就业 ${b.employed}` }))

/** 数据看板: the cohort funnel 报名 → 结业 → 评价 → 取证 → 补贴 → 就业 with filters, monthly trend, top occupations and districts, CSV export. */
export default function DashboardPage() {
  const session = useSession()
  const initial = funnelRange({})
  const [filters, setFilters] = useState<FunnelQuery>(initial.ok ? { from: initial.from, to: initial.to } : {})
  const [sheet, setSheet] = useState<Sheet>(null)
  const [exporting, setExporting] = useState<FunnelExportKind | null>(null)
  useDidShow(() => {
    void session.refresh()
  })

  const key = JSON.stringify(filters)
  const stats = useLoad<FunnelStats>(isSubsidyReviewer(session.user) ? key : null, () => getFunnel(filters, { silent: true }))

  if (!session.loggedIn || !isSubsidyReviewer(session.user)) {
    return <NoAccess title="没有查看权限" text="数据看板供区人社审核人员和管理员使用，请联系管理员开通。" />
  }

  const set = (patch: Partial<FunnelQuery>) => {
    const next = { ...filters, ...patch }
    for (const k of Object.keys(next) as (keyof FunnelQuery)[]) if (!next[k]) delete next[k]
    const range = funnelRange(next)
    if (!range.ok) {
      void Taro.showToast({ title: range.message, icon: 'none', duration: 2500 })
      return
    }
    setFilters(next)
  }

  const data = stats.status === 'ready' ? stats.data : null
  // Only admins and city-wide reviewers choose a district (scope null); a district reviewer sees their own.
  const choosesDistrict = data ? data.scope === null : false
  const fieldOptions: Option[] = [
    ALL,
    ...KEY_FIELDS.map((f) => ({ value: f.code, label: f.name })),
    ...(data?.breakdowns.field ?? [])
      .filter((b) => b.key !== 'other' && !KEY_FIELDS.some((f) => f.code === b.key))
      .map((b) => ({ value: b.key, label: b.name ?? b.key })),
  ]
  const fieldLabel = fieldOptions.find((o) => o.value === filters.field)?.label

  const exportFile = async (kind: FunnelExportKind) => {
    setExporting(kind)
    try {
      const name = `${kind === 'funnel' ? '培训就业漏斗' : '培训就业分项统计'}_${filters.from ?? ''}_${filters.to ?? ''}.csv`
      const done = await downloadStaffFile(funnelExportPath(filters, kind), name)
      if (!done) {
        void Taro.showModal({ title: '请在电脑上导出', content: '手机上无法打开表格文件。请在电脑浏览器中登录工作台，打开数据看板后点“导出”。', showCancel: false })
      }
    } catch {
      void Taro.showToast({ title: '导出没有成功，请稍后再试', icon: 'none', duration: 2500 })
    } finally {
      setExporting(null)
    }
  }

  return (
    <View className="page dashboard" id="dashboard-page">
      <View className="card" id="dashboard-filters">
        <View className="dashboard__dates">
          <FormField name="from" label="开始日期">
            <Picker mode="date" value={filters.from ?? ''} onChange={(e) => set({ from: String(e.detail.value) })}>
              <ChoiceBox id="dashboard-from" label={filters.from} placeholder="选择日期" onOpen={() => undefined} />
            </Picker>
          </FormField>
          <FormField name="to" label="结束日期">
            <Picker mode="date" value={filters.to ?? ''} onChange={(e) => set({ to: String(e.detail.value) })}>
              <ChoiceBox id="dashboard-to" label={filters.to} placeholder="选择日期" onOpen={() => undefined} />
            </Picker>
          </FormField>
        </View>
        {choosesDistrict ? (
          <FormField name="district" label="区">
            <ChoiceBox id="dashboard-district" label={filters.district ? districtName(filters.district) : '全市'} placeholder="全市" onOpen={() => setSheet('district')} />
          </FormField>
        ) : data?.scope ? (
          <Text className="dashboard__scope">统计范围：{data.scope.map((d) => districtName(d) ?? d).join('、')}</Text>
        ) : null}
        <FormField name="field" label="领域">
          <ChoiceBox id="dashboard-field" label={fieldLabel ?? '全部'} placeholder="全部" onOpen={() => setSheet('field')} />
        </FormField>
        <FormField name="category" label="人员类别">
          <ChoiceBox
            id="dashboard-category"
            label={filters.category ? PERSON_CATEGORIES[filters.category] : '全部'}
            placeholder="全部"
            onOpen={() => setSheet('category')}
          />
        </FormField>
      </View>

      {stats.status === 'loading' ? (
        <View className="card">
          <LoadingState text="正在统计…" />
        </View>
      ) : stats.status === 'error' ? (
        <View className="card">
          <ErrorState message={stats.message} onRetry={stats.reload} />
        </View>
      ) : (
        <>
          <View className="card" id="dashboard-funnel">
            <Text className="card__title">培训就业漏斗</Text>
            <Text className="dashboard__sub">
              {stats.data.range.from} 至 {stats.data.range.to} 报名的人，后来走到了哪一步
            </Text>
            {stats.data.totals.enrolled === 0 ? (
              <EmptyState title="这段时间没有报名记录" text="换个日期范围或筛选条件看看。" />
            ) : (
              <>
                <FunnelChart id="dashboard-funnel-chart" steps={stats.data.steps} />
                <View className="dashboard__notes">
                  {FUNNEL_STEPS.map((s) => (
                    <Text key={s.key} className="dashboard__note">
                      {s.label}：{s.meaning}
                    </Text>
                  ))}
                </View>
              </>
            )}
          </View>

          {stats.data.totals.enrolled > 0 ? (
            <>
              <View className="card" id="dashboard-trend">
                <Text className="card__title">按月趋势（按报名月份）</Text>
                <BarChart
                  id="dashboard-trend-chart"
                  series={[
                    { key: 'enrolled', label: '报名', color: '#1a5fd0' },
                    { key: 'completed', label: '结业', color: '#86a8e7' },
                    { key: 'certified', label: '取证', color: '#2b8a3e' },
                    { key: 'employed', label: '就业', color: '#d9822b' },
                  ]}
                  groups={stats.data.trend.slice(-TREND_MONTHS).map((m) => ({
                    label: monthLabel(m.key),
                    values: { enrolled: m.enrolled, completed: m.completed, certified: m.certified, employed: m.employed },
                  }))}
                />
                {stats.data.trend.length > TREND_MONTHS ? (
                  <Text className="dashboard__note" id="dashboard-trend-note">
                    图中是最近 {TREND_MONTHS} 个月；全部 {stats.data.trend.length} 个月的数字请导出表格查看。
                  </Text>
                ) : null}
              </View>
              <View className="card" id="dashboard-occupations">
                <Text className="card__title">报名最多的职业</Text>
                <RankBars id="dashboard-occupation-bars" rows={rows(stats.data.breakdowns.occupation, (b) => b.name ?? b.key)} />
              </View>
              <View className="card" id="dashboard-districts">
                <Text className="card__title">各区报名人数</Text>
                <RankBars id="dashboard-district-bars" color="#2b8a3e" rows={rows(stats.data.breakdowns.district, (b) => b.name ?? districtName(b.key) ?? b.key)} />
              </View>
              <View className="card" id="dashboard-categories">
                <Text className="card__title">人员类别</Text>
                <RankBars id="dashboard-category-bars" color="#7048e8" rows={rows(stats.data.breakdowns.category, (b) => b.name ?? b.key)} />
              </View>
              <View className="card" id="dashboard-institutions">
                <Text className="card__title">培训机构</Text>
                <RankBars rows={rows(stats.data.breakdowns.institution, (b) => b.name ?? b.key)} color="#5b8be0" />
              </View>
              <View className="card" id="dashboard-stations">
                <Text className="card__title">推荐来源（服务站）</Text>
                <RankBars rows={rows(stats.data.breakdowns.station, (b) => b.name ?? b.key)} color="#d9822b" />
              </View>
            </>
          ) : null}

          <View className="card" id="dashboard-export">
            <Text className="card__title">导出</Text>
            <Text className="card__text">按当前筛选条件导出表格（CSV，可用 Excel 打开）。</Text>
            <View className="dashboard__export">
              <Button id="dashboard-export-funnel" type="primary" size="large" loading={exporting === 'funnel'} onClick={() => void exportFile('funnel')}>
                导出漏斗
              </Button>
              <Button id="dashboard-export-breakdown" type="primary" fill="outline" size="large" loading={exporting === 'breakdown'} onClick={() => void exportFile('breakdown')}>
                导出分项明细
              </Button>
            </View>
          </View>
        </>
      )}

      <OptionSheet
        name="district"
        title="选择区"
        options={[{ value: '', label: '全市' }, ...DISTRICT_OPTIONS]}
        value={filters.district ?? ''}
        open={sheet === 'district'}
        columns={3}
        onSelect={(v) => {
          setSheet(null)
          set({ district: (v || undefined) as FunnelQuery['district'] })
        }}
        onClose={() => setSheet(null)}
      />
      <OptionSheet
        name="field"
        title="选择领域"
        options={fieldOptions}
        value={filters.field ?? ''}
        open={sheet === 'field'}
        onSelect={(v) => {
          setSheet(null)
          set({ field: v || undefined })
        }}
        onClose={() => setSheet(null)}
      />
      <OptionSheet
        name="category"
        title="选择人员类别"
        options={[ALL, ...CATEGORY_OPTIONS]}
        value={filters.category ?? ''}
        open={sheet === 'category'}
        onSelect={(v) => {
          setSheet(null)
          set({ category: (v || undefined) as FunnelQuery['category'] })
        }}
        onClose={() => setSheet(null)}
      />
    </View>
  )
}
