/**
 * The 培训 filters in one sheet. Every choice shows how many projects it would leave (from
 * /api/catalog/facets, counted with the other choices applied), so nobody filters into nothing
 * by surprise.
 */
import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { CatalogFacets } from '@jz/shared'
import { getCatalogFacets, type ProjectFilters } from '../services/api'
import { AUDIENCE_LABELS, MODE_LABELS, filtersKey, levelShort, type FilterNames } from '../services/catalog'
import { Sheet } from './Sheet'
import './FilterSheet.css'

type ChoiceKey = 'district' | 'field' | 'mode' | 'level' | 'audience'

interface Choice {
  code: string
  label: string
  count: number
}

interface FilterSheetProps {
  open: boolean
  value: ProjectFilters
  /** `names`: the field and occupation names the sheet showed, for the filter chips. */
  onApply: (filters: ProjectFilters, names: FilterNames) => void
  onClose: () => void
}

function sections(f: CatalogFacets | null): { key: ChoiceKey; title: string; columns: 2 | 3; choices: Choice[] }[] {
  if (!f) return []
  return [
    { key: 'district', title: '上课地点（区）', columns: 3, choices: f.districts.map((d) => ({ code: d.code, label: d.name, count: d.count })) },
    { key: 'field', title: '领域', columns: 2, choices: f.fields.map((d) => ({ code: d.code, label: d.name, count: d.count })) },
    { key: 'mode', title: '上课方式', columns: 3, choices: f.modes.map((d) => ({ code: d.code, label: MODE_LABELS[d.code] ?? d.code, count: d.count })) },
    { key: 'level', title: '技能等级', columns: 3, choices: f.levels.map((d) => ({ code: d.code, label: levelShort(d.code), count: d.count })) },
    { key: 'audience', title: '培训对象', columns: 2, choices: f.audiences.map((d) => ({ code: d.code, label: AUDIENCE_LABELS[d.code] ?? d.code, count: d.count })) },
  ]
}

export function FilterSheet(props: FilterSheetProps) {
  // Mounted per opening, so each opening starts from the filters in use.
  return props.open ? <FilterSheetBody {...props} /> : null
}

function FilterSheetBody({ value, onApply, onClose }: FilterSheetProps) {
  const [draft, setDraft] = useState<ProjectFilters>(value)
  const [facets, setFacets] = useState<CatalogFacets | null>(null)
  const [error, setError] = useState('')
  const draftKey = filtersKey(draft)

  useEffect(() => {
    let live = true
    const timer = setTimeout(() => {
      getCatalogFacets(draft, { silent: true })
        .then((f) => {
          if (live) {
            setFacets(f)
            setError('')
          }
        })
        .catch(() => live && setError('筛选数量没有加载出来，仍然可以选择'))
    }, 150)
    return () => {
      live = false
      clearTimeout(timer)
    }
    // draftKey stands for draft
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draftKey])

  const toggle = (key: ChoiceKey, code: string) =>
    setDraft((d) => ({ ...d, [key]: d[key] === code ? undefined : code }))

  const clear = () => setDraft({ q: draft.q })

  const apply = () => {
    const names: FilterNames = {}
    for (const f of facets?.fields ?? []) names[`field:${f.code}`] = f.name
    for (const o of facets?.occupations ?? []) names[`occupation:${o.code}`] = o.name
    onApply(draft, names)
  }

  return (
    <Sheet
      id="filter-sheet"
      title="筛选培训"
      open
      onClose={onClose}
      footer={
        <>
          <Button id="filter-clear" className="filter-sheet__clear" size="xlarge" fill="outline" onClick={clear}>
            清除
          </Button>
          <Button id="filter-apply" className="filter-sheet__apply" type="primary" size="xlarge" onClick={apply}>
            {facets ? `查看 ${facets.total} 个项目` : '查看结果'}
          </Button>
        </>
      }
    >
      {error ? <Text className="filter-sheet__error">{error}</Text> : null}
      <Text className="filter-sheet__title">报名情况</Text>
      <View className="filter-sheet__grid filter-sheet__grid--1">
        <View
          id="filter-open"
          className={`filter-sheet__option${draft.open ? ' filter-sheet__option--on' : ''}`}
          onClick={() => setDraft((d) => ({ ...d, open: !d.open || undefined }))}
        >
          <Text className="filter-sheet__label">只看现在能报名的</Text>
          {facets ? <Text className="filter-sheet__count">{facets.open}</Text> : null}
        </View>
      </View>
      {sections(facets).map((s) => (
        <View key={s.key}>
          <Text className="filter-sheet__title">{s.title}</Text>
          <View className={`filter-sheet__grid filter-sheet__grid--${s.columns}`}>
            {s.choices.map((c) => {
              const on = draft[s.key] === c.code
              return (
                <View
                  key={c.code}
                  id={`filter-${s.key}-${c.code}`}
                  className={`filter-sheet__option${on ? ' filter-sheet__option--on' : ''}${c.count === 0 && !on ? ' filter-sheet__option--none' : ''}`}
                  onClick={() => toggle(s.key, c.code)}
                >
                  <Text className="filter-sheet__label">{c.label}</Text>
                  <Text className="filter-sheet__count">{c.count}</Text>
                </View>
              )
            })}
          </View>
        </View>
      ))}
      {!facets && !error ? <Text className="filter-sheet__loading">正在加载筛选项…</Text> : null}
    </Sheet>
  )
}
