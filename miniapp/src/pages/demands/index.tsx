import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { DEMAND_SOURCES, type DemandItem } from '@jz/shared'
import { ListFooter } from '../../components/ListFooter'
import { SearchBar } from '../../components/SearchBar'
import { Tag } from '../../components/Tag'
import { EmptyState, ErrorState, LoadingState } from '../../components/states'
import { listDemands } from '../../services/api'
import { levelShort } from '../../services/catalog'
import { formatDay } from '../../services/format'
import { openPage, openProject, openTrainingWith } from '../../services/navigation'
import { usePagedList } from '../../services/paged'
import '../../components/detail.css'
import './index.css'

export default function DemandsPage() {
  const [text, setText] = useState('')
  const [q, setQ] = useState('')
  const list = usePagedList(q, (cursor) => listDemands({ q: q || undefined }, { cursor, limit: 15 }, { silent: true }))
  useReachBottom(() => list.loadMore())

  return (
    <View className="page" id="demands-page">
      <SearchBar id="demands-search" value={text} placeholder="搜工种或企业，如：养老" onInput={setText} onSearch={(v) => {
          setText(v)
          setQ(v.trim())
        }} />
      <Text className="demands__intro">企业提出的用工和技能需求。学了对应的培训，更容易找到这些岗位。</Text>
      <View className="demands__declare" id="demands-declare" onClick={() => openPage('declare')}>
        <Text>企业申报用工需求 ›</Text>
      </View>
      {list.status === 'loading' && list.items.length === 0 ? (
        <LoadingState />
      ) : list.status === 'error' ? (
        <ErrorState message={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <View className="card">
          <EmptyState title="没有找到需求" text="换个工种或企业名称试试。" />
        </View>
      ) : (
        <View id="demands-list">
          <Text className="demands__total">共 {list.total} 条需求</Text>
          {list.items.map((d) => (
            <DemandCard key={d.id} demand={d} />
          ))}
          <ListFooter loadingMore={list.loadingMore} error={list.error} hasMore={Boolean(list.nextCursor)} onMore={list.loadMore} />
        </View>
      )}
    </View>
  )
}

function DemandCard({ demand: d }: { demand: DemandItem }) {
  return (
    <View className="card" id={`demand-${d.id}`}>
      <View className="demands__head">
        <Text className="demands__occupation">{d.occupation.name}</Text>
        <Text className="demands__count">
          要 <Text className="demands__count-value">{d.headcount}</Text> 人
        </Text>
      </View>
      <View className="demands__tags">
        {d.level ? <Tag>{levelShort(d.level)}</Tag> : null}
        <Tag tone="grey">{d.districtName}</Tag>
        <Tag tone="grey">{DEMAND_SOURCES[d.source]}</Tag>
      </View>
      <Text className="detail__org">{d.enterprise.name}</Text>
      <Text className="detail__text">{d.skillRequirements}</Text>
      <Text className="demands__date">希望 {formatDay(d.wantedBy)} 前到岗</Text>
      <DemandSupply demand={d} />
      {d.projectCount > 0 ? (
        <View
          className="demands__action"
          onClick={() => openTrainingWith({ occupation: d.occupation.code }, { [`occupation:${d.occupation.code}`]: d.occupation.name })}
        >
          <Text>看{d.occupation.name}相关培训 ›</Text>
        </View>
      ) : null}
    </View>
  )
}

/** Projects shown under a demand; the link below the card lists them all in 培训. */
const PROJECTS_SHOWN = 3

/** How much of the demand training already answers: 还缺 12 人 · 已有 2 个培训项目, and the projects to open. */
function DemandSupply({ demand: d }: { demand: DemandItem }) {
  const count = d.projects.length
  return (
    <View className="demands__supply" id={`demand-supply-${d.id}`}>
      <Text className="demands__supply-line" id={`demand-remaining-${d.id}`}>
        {d.remainingHeadcount > 0 ? `还缺 ${d.remainingHeadcount} 人` : '人数已有培训安排'} · {count > 0 ? `已有 ${count} 个培训项目` : '还没有培训项目'}
      </Text>
      {d.projects.slice(0, PROJECTS_SHOWN).map((p) => (
        <View key={p.id} className="demands__project" id={`demand-project-${p.id}`} onClick={() => openProject(p.id)}>
          <View className="demands__project-main">
            <Text className="demands__project-title">{p.title}</Text>
            <Text className="demands__project-org">
              {p.institution.name} · 培训 {p.headcount} 人
            </Text>
          </View>
          <Text className="demands__project-chevron">›</Text>
        </View>
      ))}
      {count > PROJECTS_SHOWN ? <Text className="demands__supply-more">还有 {count - PROJECTS_SHOWN} 个项目，点下方查看</Text> : null}
    </View>
  )
}
