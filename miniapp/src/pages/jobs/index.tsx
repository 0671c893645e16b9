import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { JobCard } from '../../components/JobCard'
import { PagedList } from '../../components/PagedList'
import { OptionSheet } from '../../components/OptionSheet'
import { SearchBar } from '../../components/SearchBar'
import { getCatalogFacets } from '../../services/api'
import { listJobs, openJobMatches, type JobFilters } from '../../services/jobs'
import { usePagedList } from '../../services/paged'
import { DISTRICT_OPTIONS, type Option } from '../../services/profileForm'
import './index.css'

const ALL: Option = { value: '', label: '不限' }

export default function JobsPage() {
  const [text, setText] = useState('')
  const [filters, setFilters] = useState<JobFilters>({})
  const [sheet, setSheet] = useState<'occupation' | 'district' | null>(null)
  const [occupations, setOccupations] = useState<Option[]>([])
  const [names, setNames] = useState<Record<string, string>>({})
  const list = usePagedList(JSON.stringify(filters), (cursor) => listJobs(filters, { cursor, limit: 15 }, { silent: true }))
  useReachBottom(() => list.loadMore())

  const openOccupations = () => {
    setSheet('occupation')
    if (occupations.length === 0) {
      getCatalogFacets({}, { silent: true })
        .then((f) => setOccupations(f.occupations.map((o) => ({ value: o.code, label: o.name }))))
        .catch(() => setOccupations([]))
    }
  }
  const choose = (key: 'occupation' | 'district', option: Option | undefined) => {
    setFilters((f) => ({ ...f, [key]: option?.value || undefined }))
    setNames((n) => ({ ...n, [key]: option?.value ? option.label : '' }))
    setSheet(null)
  }

  return (
    <View className="page" id="jobs-page">
      <SearchBar id="jobs-search" value={text} placeholder="搜岗位或企业，如：电工" onInput={setText} onSearch={(v) => {
          setText(v)
          setFilters((f) => ({ ...f, q: v.trim() || undefined }))
        }} />
      <View className="jobs__filters">
        <View className={`jobs__filter${filters.occupation ? ' jobs__filter--on' : ''}`} id="jobs-filter-occupation" onClick={openOccupations}>
          <Text>{names.occupation || '工种'} ▾</Text>
        </View>
        <View className={`jobs__filter${filters.district ? ' jobs__filter--on' : ''}`} id="jobs-filter-district" onClick={() => setSheet('district')}>
          <Text>{names.district || '区域'} ▾</Text>
        </View>
        <View className="jobs__filter jobs__filter--link" id="jobs-open-matches" onClick={openJobMatches}>
          <Text>为您推荐 ›</Text>
        </View>
      </View>
      <PagedList
        list={list}
        id="jobs-list"
        empty={{ title: '没有找到岗位', text: '换个工种、区域或关键词试试。' }}
        header={<Text className="jobs__total">共 {list.total} 个在招岗位</Text>}
        renderItem={(j) => <JobCard key={j.id} job={j} />}
      />
      <OptionSheet
        name="jobs-occupation"
        title="选择工种"
        options={[ALL, ...occupations]}
        value={filters.occupation ?? ''}
        open={sheet === 'occupation'}
        onSelect={(v) => choose('occupation', occupations.find((o) => o.value === v))}
        onClose={() => setSheet(null)}
      />
      <OptionSheet
        name="jobs-district"
        title="选择区域"
        columns={3}
        options={[ALL, ...DISTRICT_OPTIONS]}
        value={filters.district ?? ''}
        open={sheet === 'district'}
        onSelect={(v) => choose('district', DISTRICT_OPTIONS.find((o) => o.value === v))}
        onClose={() => setSheet(null)}
      />
    </View>
  )
}
