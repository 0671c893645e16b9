import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useDidShow, useReachBottom } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { FilterSheet } from '../../components/FilterSheet'
import { PagedList } from '../../components/PagedList'
import { ProjectCard } from '../../components/ProjectCard'
import { SearchBar } from '../../components/SearchBar'
import { listProjects, type ProjectFilters } from '../../services/api'
import {
  FILTER_KEYS,
  activeFilterCount,
  filterChipLabel,
  filtersKey,
  takePendingTrainingFilters,
  type FilterKey,
  type FilterNames,
} from '../../services/catalog'
import { openProject } from '../../services/navigation'
import { usePagedList } from '../../services/paged'
import './index.css'

const PAGE_SIZE = 10
/** Wait this long after the last keystroke before searching. */
const TYPING_PAUSE_MS = 500

export default function TrainingPage() {
  const [filters, setFilters] = useState<ProjectFilters>({})
  const [names, setNames] = useState<FilterNames>({})
  const [text, setText] = useState('')
  const [sheetOpen, setSheetOpen] = useState(false)

  const list = usePagedList(filtersKey(filters), (cursor) => listProjects(filters, { cursor, limit: PAGE_SIZE }, { silent: true }))

  // A search handed over by 首页 (tabs take no URL query).
  useDidShow(() => {
    const handed = takePendingTrainingFilters()
    if (!handed) return
    setFilters(handed.filters)
    setText(handed.filters.q ?? '')
    if (handed.names) setNames((n) => ({ ...n, ...handed.names }))
  })

  // Search as the person types, once they pause.
  useEffect(() => {
    if (text.trim() === (filters.q ?? '').trim()) return
    const timer = setTimeout(() => setFilters((f) => ({ ...f, q: text.trim() || undefined })), TYPING_PAUSE_MS)
    return () => clearTimeout(timer)
  }, [text, filters.q])

  useReachBottom(() => list.loadMore())

  const search = (q: string) => {
    setText(q)
    setFilters((f) => ({ ...f, q: q.trim() || undefined }))
  }

  const removeFilter = (key: FilterKey) => setFilters((f) => ({ ...f, [key]: undefined }))
  const clearFilters = () => setFilters((f) => ({ q: f.q }))
  const count = activeFilterCount(filters)
  const active = FILTER_KEYS.filter((k) => (k === 'open' ? filters.open : Boolean(filters[k])))

  return (
    <View className="page training" id="training-page">
      <SearchBar id="training-search" value={text} placeholder="搜工种，如：养老、电工" onInput={setText} onSearch={search} />

      <View className="training__bar" id="training-filter-bar">
        <View className={`training__filter-button${count ? ' training__filter-button--on' : ''}`} id="training-filter" onClick={() => setSheetOpen(true)}>
          <Text>筛选{count ? ` (${count})` : ''}</Text>
        </View>
        {!filters.open ? (
          <View className="training__quick" id="training-open-only" onClick={() => setFilters((f) => ({ ...f, open: true }))}>
            <Text>只看能报名的</Text>
          </View>
        ) : null}
        {active.map((k) => (
          <View key={k} className="training__chip" id={`training-chip-${k}`} onClick={() => removeFilter(k)}>
            <Text>{filterChipLabel(k, filters, names)}</Text>
            <Text className="training__chip-x"> ×</Text>
          </View>
        ))}
      </View>

      {list.status === 'ready' || (list.status === 'loading' && list.items.length > 0) ? (
        <Text className="training__total" id="training-total">
          {list.status === 'loading' ? '正在查找…' : `共找到 ${list.total} 个培训项目`}
        </Text>
      ) : null}

      <PagedList
        list={list}
        id="training-list"
        loadingText="正在查找培训…"
        empty={{
          id: 'training-empty',
          title: '没有找到合适的培训',
          text: count ? '筛选条件可能太多了，试试减少一些条件。' : '换个说法试试，比如“养老”“电工”“家政”。',
          actions: (
            <>
              {count ? (
                <Button className="btn-block" id="training-clear-filters" type="primary" size="xlarge" block onClick={clearFilters}>
                  清除筛选
                </Button>
              ) : null}
              {filters.q ? (
                <Button className="btn-block" id="training-clear-search" size="xlarge" block fill="outline" onClick={() => search('')}>
                  清空搜索词
                </Button>
              ) : null}
            </>
          ),
        }}
        renderItem={(p) => <ProjectCard key={p.id} project={p} onOpen={openProject} />}
      />

      <FilterSheet
        open={sheetOpen}
        value={filters}
        onClose={() => setSheetOpen(false)}
        onApply={(next, seen) => {
          setNames((n) => ({ ...n, ...seen }))
          setFilters(next)
          setSheetOpen(false)
        }}
      />
    </View>
  )
}
