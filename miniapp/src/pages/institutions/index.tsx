import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useReachBottom } from '@tarojs/taro'
import { CARRIER_TYPES, INSTITUTION_KINDS, type InstitutionKind, type InstitutionListItem } from '@jz/shared'
import { PagedList } from '../../components/PagedList'
import { SearchBar } from '../../components/SearchBar'
import { Segments } from '../../components/Segments'
import { Tag } from '../../components/Tag'
import { listInstitutions } from '../../services/api'
import { openTrainingWith } from '../../services/navigation'
import { usePagedList } from '../../services/paged'
import '../../components/detail.css'
import './index.css'

const KINDS = [
  { value: '', label: '全部' },
  { value: 'training', label: INSTITUTION_KINDS.training },
  { value: 'evaluation', label: INSTITUTION_KINDS.evaluation },
] as const

type KindChoice = (typeof KINDS)[number]['value']

export default function InstitutionsPage() {
  const [kind, setKind] = useState<KindChoice>('')
  const [text, setText] = useState('')
  const [q, setQ] = useState('')
  const filters = { kind: (kind || undefined) as InstitutionKind | undefined, q: q || undefined }
  const list = usePagedList(JSON.stringify(filters), (cursor) => listInstitutions(filters, { cursor, limit: 15 }, { silent: true }))
  useReachBottom(() => list.loadMore())

  return (
    <View className="page" id="institutions-page">
      <SearchBar id="institutions-search" value={text} placeholder="搜机构名称" onInput={setText} onSearch={(v) => {
          setText(v)
          setQ(v.trim())
        }} />
      <Segments id="institutions-kind" value={kind} options={KINDS} onChange={setKind} />
      <Text className="institutions__intro">以下是经过审核、列入名录的机构，可以放心选择。</Text>
      <PagedList
        list={list}
        id="institutions-list"
        empty={{ title: '没有找到机构', text: '换个名称或类型试试。' }}
        renderItem={(i) => <InstitutionCard key={i.id} institution={i} />}
      />
    </View>
  )
}

function InstitutionCard({ institution: i }: { institution: InstitutionListItem }) {
  return (
    <View className="card" id={`institution-${i.id}`}>
      <View className="institutions__head">
        <Tag tone={i.kind === 'training' ? 'blue' : 'green'}>{INSTITUTION_KINDS[i.kind]}</Tag>
        <Tag tone="grey">{CARRIER_TYPES[i.carrierType]}</Tag>
      </View>
      <Text className="detail__org">{i.name}</Text>
      <Text className="detail__text">
        {i.districtName} · {i.address}
      </Text>
      {i.description ? <Text className="institutions__desc">{i.description}</Text> : null}
      {i.kind === 'evaluation' && i.occupations.length ? (
        <Text className="institutions__desc">可考：{i.occupations.map((o) => o.name).join('、')}</Text>
      ) : null}
      <View className="institutions__actions">
        {i.kind === 'training' && i.projectCount > 0 ? (
          <View className="institutions__action" onClick={() => openTrainingWith({ q: i.name })}>
            <Text>看它的培训（{i.projectCount}）</Text>
          </View>
        ) : null}
        {i.contactPhone ? (
          <View className="institutions__action" onClick={() => void Taro.makePhoneCall({ phoneNumber: i.contactPhone }).catch(() => undefined)}>
            <Text>打电话 {i.contactPhone}</Text>
          </View>
        ) : null}
      </View>
    </View>
  )
}
