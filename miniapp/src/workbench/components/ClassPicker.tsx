/** Staff pick a class: search the catalog, open a project, choose one of its classes. */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ClassSummary } from '@jz/shared'
import { SearchBar } from '../../components/SearchBar'
import { EnrollmentStateTag } from '../../components/Tag'
import { ErrorState, LoadingState } from '../../components/states'
import { getProject, listProjects } from '../../services/api'
import { formatDayRange } from '../../services/format'
import { useLoad } from '../../services/load'
import { usePagedList } from '../../services/paged'
import './ClassPicker.css'

export interface PickedClass {
  cls: ClassSummary
  project: { id: string; title: string }
}

export function ClassPicker({ initialQuery = '', onPick }: { initialQuery?: string; onPick: (picked: PickedClass) => void }) {
  const [text, setText] = useState(initialQuery)
  const [q, setQ] = useState(initialQuery)
  const [openProject, setOpenProject] = useState<string | null>(null)
  const list = usePagedList(q, (cursor) => listProjects({ q: q || undefined }, { cursor, limit: 10 }, { silent: true }))

  return (
    <View className="picker" id="class-picker">
      <SearchBar id="picker-search" value={text} placeholder="搜项目、工种或机构" onInput={setText} onSearch={(v) => {
          setText(v)
          setQ(v.trim())
        }} />
      {list.status === 'loading' && list.items.length === 0 ? (
        <LoadingState />
      ) : list.status === 'error' ? (
        <ErrorState message={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <Text className="picker__empty">没有找到，换个词试试。</Text>
      ) : (
        list.items.map((p) => (
          <View key={p.id} className="picker__project">
            <View className="picker__project-head" id={`picker-project-${p.id}`} onClick={() => setOpenProject(openProject === p.id ? null : p.id)}>
              <Text className="picker__project-title">{p.title}</Text>
              <Text className="picker__project-org">
                {p.institution.name} · {p.classCount} 个班
              </Text>
            </View>
            {openProject === p.id ? <ProjectClasses projectId={p.id} title={p.title} onPick={onPick} /> : null}
          </View>
        ))
      )}
    </View>
  )
}

function ProjectClasses({ projectId, title, onPick }: { projectId: string; title: string; onPick: (picked: PickedClass) => void }) {
  const detail = useLoad(projectId, () => getProject(projectId, { silent: true }))
  if (detail.status === 'loading') return <LoadingState />
  if (detail.status === 'error') return <ErrorState message={detail.message} onRetry={detail.reload} />
  const classes = detail.data.project.classes
  if (classes.length === 0) return <Text className="picker__empty">这个项目没有班次。</Text>
  return (
    <View className="picker__classes">
      {classes.map((c) => (
        <View key={c.id} className="picker__class" id={`picker-class-${c.id}`} onClick={() => onPick({ cls: c, project: { id: projectId, title } })}>
          <View className="picker__class-main">
            <Text className="picker__class-name">{c.name}</Text>
            <Text className="picker__class-line">{formatDayRange(c.startDate, c.endDate)}</Text>
          </View>
          <EnrollmentStateTag state={c.enrollment} />
          <Text className="picker__class-go">选择</Text>
        </View>
      ))}
    </View>
  )
}
