import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { ChoiceBox } from '../../components/FormField'
import { OptionSheet } from '../../components/OptionSheet'
import { SalaryChart } from '../../components/SalaryChart'
import { ErrorState, LoadingState } from '../../components/states'
import { getSalary } from '../../services/api'
import { useLoad } from '../../services/load'
import { KEY_FIELDS } from '../../services/catalog'
import { openTrainingWith } from '../../services/navigation'
import '../../components/FormField.css'
import './index.css'

/** The first occupation shown: the programme's best-known one. */
const DEFAULT_OCCUPATION = '4-10-01-05'

export default function SalaryPage() {
  const { params } = useRouter()
  const loaded = useLoad('all', () => getSalary({}, { silent: true }))
  const [occupation, setOccupation] = useState(params.occupation ?? DEFAULT_OCCUPATION)
  const [picking, setPicking] = useState(false)

  const data = loaded.status === 'ready' ? loaded.data : null
  const occupations = useMemo(() => {
    const seen = new Map<string, { label: string; rank: number }>()
    const rank = (field: string) => {
      const i = KEY_FIELDS.findIndex((f) => f.code === field)
      return i < 0 ? KEY_FIELDS.length : i
    }
    for (const i of data?.items ?? []) {
      if (!seen.has(i.occupation.code)) seen.set(i.occupation.code, { label: i.occupation.name, rank: rank(i.occupation.fieldCode) })
    }
    // The programme's key fields first, then the rest, each in the server's order.
    return [...seen].sort((a, b) => a[1].rank - b[1].rank).map(([value, { label }]) => ({ value, label }))
  }, [data])

  if (loaded.status === 'loading') {
    return (
      <View className="page">
        <LoadingState />
      </View>
    )
  }
  if (loaded.status === 'error') {
    return (
      <View className="page">
        <ErrorState message={loaded.message} onRetry={loaded.reload} />
      </View>
    )
  }

  const rows = (data?.items ?? []).filter((i) => i.occupation.code === occupation)
  const name = occupations.find((o) => o.value === occupation)?.label

  return (
    <View className="page" id="salary-page">
      <Text className="salary__intro">看看各个工种在北京一年能挣多少，等级越高一般收入越高。</Text>
      <View className="card">
        <Text className="salary__label">选择工种</Text>
        <ChoiceBox id="salary-occupation" label={name} placeholder="请选择工种" onOpen={() => setPicking(true)} />
      </View>
      {rows.length ? (
        <View className="card" id="salary-card">
          <Text className="card__title">{name}</Text>
          <SalaryChart id="salary-chart" rows={rows} year={rows[0]?.year} source={rows[0]?.source} />
          <Button
            className="btn-block"
            id="salary-find-training"
            type="primary"
            size="xlarge"
            block
            onClick={() => openTrainingWith({ occupation }, name ? { [`occupation:${occupation}`]: name } : undefined)}
          >
            找{name}培训
          </Button>
        </View>
      ) : (
        <View className="card">
          <Text className="card__text">这个工种暂时没有薪酬数据，请换一个看看。</Text>
        </View>
      )}
      <OptionSheet
        name="occupation"
        title="选择工种"
        options={occupations}
        value={occupation}
        open={picking}
        columns={1}
        onSelect={(v) => {
          setOccupation(v)
          setPicking(false)
        }}
        onClose={() => setPicking(false)}
      />
    </View>
  )
}
