/** What a project proposal says (指导目录 fields), the demands it answers with their open headcount, and its history. */
import { Text, View } from '@tarojs/components'
import { AUDIENCES, PROJECT_SOURCES, PROJECT_TYPES, PROPOSAL_STATUSES, TRAINING_MODES, levelLabel } from '@jz/shared'
import type { ProjectProposal, ProposalStatus } from '@jz/shared'
import type { TagTone } from '../../components/Tag'
import { formatDateTime, formatFee } from '../../services/format'
import './ProposalFacts.css'

export const PROPOSAL_TONE: Record<ProposalStatus, TagTone> = {
  draft: 'grey',
  submitted: 'orange',
  returned: 'red',
  published: 'green',
  withdrawn: 'grey',
}

export function ProposalFacts({ proposal: p }: { proposal: ProjectProposal }) {
  return (
    <View className="proposal-facts" id={`proposal-facts-${p.id}`}>
      <Fact label="申报编号" value={p.code} />
      <Fact label="开发来源" value={`${PROJECT_SOURCES[p.source]} · ${p.sourceName}`} />
      <Fact label="承担机构" value={p.institution.name} />
      <Fact label="项目类型" value={PROJECT_TYPES[p.projectType]} />
      <Fact label="拟培训职业" value={p.occupations.map((o) => o.name).join('、')} />
      <Fact label="培训等级" value={levelLabel(p.level) ?? p.level} />
      <Fact label="培训人数" value={`${p.headcount} 人`} />
      <Fact label="培训时长" value={`${p.hours} 课时`} />
      <Fact label="培训方式" value={TRAINING_MODES[p.mode]} />
      <Fact label="培训对象" value={p.audiences.map((a) => AUDIENCES[a]).join('、')} />
      <Fact label="收费" value={p.funding === 'fee' ? formatFee(p.fee) : '政府补贴（符合条件免费）'} />
      <Fact label="重点领域" value={p.field.name} />
      {p.returnReason ? <Fact label="退回原因" value={p.returnReason} /> : null}
      {p.projectCode ? <Fact label="目录编号" value={p.projectCode} /> : null}
      <Text className="proposal-facts__sub">培训内容</Text>
      <Text className="proposal-facts__text">{p.content}</Text>
      <Text className="proposal-facts__sub">对应的用工需求</Text>
      {p.demands.length === 0 ? (
        <Text className="proposal-facts__text">（自主开发项目，未对应需求）</Text>
      ) : (
        p.demands.map((d) => (
          <Text key={d.id} className="proposal-facts__demand" id={`proposal-demand-${d.id}`}>
            {d.code} · {d.enterprise} · {d.occupation} · 需要 {d.headcount} 人，尚缺 {d.remainingHeadcount} 人
          </Text>
        ))
      )}
      {p.history?.length ? (
        <>
          <Text className="proposal-facts__sub">办理记录</Text>
          {p.history.map((e, i) => (
            <Text key={i} className="proposal-facts__event">
              {formatDateTime(e.at)} {e.from ? `${PROPOSAL_STATUSES[e.from]} → ` : ''}
              {PROPOSAL_STATUSES[e.to]}
              {e.reason ? `（${e.reason}）` : ''}
            </Text>
          ))}
        </>
      ) : null}
    </View>
  )
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View className="proposal-facts__row">
      <Text className="proposal-facts__label">{label}</Text>
      <Text className="proposal-facts__value">{value}</Text>
    </View>
  )
}
