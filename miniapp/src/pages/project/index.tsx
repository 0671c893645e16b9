import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { CARRIER_TYPES, PROJECT_TYPES, certificateName, type ProjectDetail, type SalaryFigures } from '@jz/shared'
import { ClassCard } from '../../components/ClassCard'
import { SalaryChart } from '../../components/SalaryChart'
import { Tag } from '../../components/Tag'
import { ErrorState, LoadingState } from '../../components/states'
import { getProject, getSalary } from '../../services/api'
import { useLoad } from '../../services/load'
import { AUDIENCE_LABELS, MODE_LABELS, levelLong, levelShort } from '../../services/catalog'
import { formatDateTime, formatFee } from '../../services/format'
import { openClass, openTrainingWith } from '../../services/navigation'
import { useRouteTarget } from '../../services/referral'
import '../../components/detail.css'

/** The occupation's pay at every level; the project's own level alone until (or unless) that answers. */
function useSalaryRows(project: ProjectDetail | null): SalaryFigures[] {
  const occupation = project?.occupations[0]?.code ?? null
  const all = useLoad(occupation, () => getSalary({ occupation: occupation ?? undefined }, { silent: true }))
  if (all.status === 'ready' && all.data.items.length > 0) return all.data.items
  return project?.salary ? [project.salary] : []
}

export default function ProjectPage() {
  const target = useRouteTarget('project')
  const id = target.status === 'ready' ? target.id : null
  const loaded = useLoad(id, () => getProject(id ?? '', { silent: true }))
  const project = loaded.status === 'ready' ? loaded.data.project : null
  const salaryRows = useSalaryRows(project)

  if (target.status === 'error') {
    return (
      <View className="page">
        <ErrorState message={target.message} />
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
  if (!project) {
    return (
      <View className="page">
        <LoadingState />
      </View>
    )
  }

  const inst = project.institution
  const mainOccupation = project.occupations[0]
  const path = project.evaluationPath
  const openCount = project.classes.filter((c) => c.enrollment === 'open').length
  const salaryYear = salaryRows[0]?.year
  const salarySource = salaryRows[0]?.source

  return (
    <View className="page detail" id="project-page">
      <View className="card">
        <Text className="detail__title" id="project-title">
          {project.title}
        </Text>
        <View className="detail__tags">
          <Tag>{levelLong(project.level)}</Tag>
          <Tag tone="grey">{MODE_LABELS[project.mode] ?? project.mode}</Tag>
          <Tag tone={project.funding === 'subsidised' ? 'green' : 'orange'}>{project.funding === 'subsidised' ? '政府补贴' : `学费 ${formatFee(project.fee)}`}</Tag>
        </View>
        <View className="detail__facts">
          <Fact label="培训类型" value={PROJECT_TYPES[project.projectType]} />
          <Fact label="职业（工种）" value={project.occupations.map((o) => o.name).join('、')} />
          <Fact label="课时" value={`${project.hours} 课时`} />
          <Fact label="招收对象" value={project.audiences.map((a) => AUDIENCE_LABELS[a] ?? a).join('、') || '不限'} />
          <Fact label="培训机构" value={inst.name} />
        </View>
      </View>

      <View className="detail__section-head" id="project-classes-title">
        <Text className="section-title">班次</Text>
        <Text className="detail__section-note">{project.classes.length ? `${project.classes.length} 个班，${openCount} 个正在报名` : ''}</Text>
      </View>
      <View id="project-classes">
        {project.classes.length === 0 ? (
          <View className="card">
            <Text className="card__text">这个项目暂时没有安排班次。可以看看同类的其他培训。</Text>
            {mainOccupation ? (
              <Button
                className="btn-block"
                type="primary"
                fill="outline"
                size="large"
                block
                onClick={() => openTrainingWith({ occupation: mainOccupation.code }, { [`occupation:${mainOccupation.code}`]: mainOccupation.name })}
              >
                看看其他{mainOccupation.name}培训
              </Button>
            ) : null}
          </View>
        ) : (
          project.classes.map((c) => <ClassCard key={c.id} cls={c} onOpen={openClass} />)
        )}
      </View>

      {salaryRows.length > 0 ? (
        <View className="card" id="project-salary">
          <Text className="card__title">学成能挣多少</Text>
          <Text className="detail__hint">北京市{mainOccupation?.name ?? ''}各等级一年能挣多少（薪酬指引）</Text>
          <SalaryChart id="project-salary-chart" rows={salaryRows} highlight={project.level} year={salaryYear} source={salarySource} />
        </View>
      ) : null}

      {path ? (
        <View className="card" id="project-evaluation">
          <Text className="card__title">学完怎么考证</Text>
          <Text className="detail__text">
            结业后可参加「{path.occupation.name}」{path.level === 'special' ? '' : levelShort(path.level)}评价，合格取得{certificateName(path.level)}。
          </Text>
          {path.institutions.length ? (
            <>
              <Text className="detail__sub">可以去这些评价机构考：</Text>
              {path.institutions.map((i) => (
                <Text key={i.id} className="detail__item">
                  · {i.name}（{i.districtName}）
                </Text>
              ))}
            </>
          ) : null}
          {path.sessions.length ? (
            <>
              <Text className="detail__sub">近期考试：</Text>
              {path.sessions.slice(0, 3).map((s) => (
                <Text key={s.id} className="detail__item">
                  · {formatDateTime(s.startsAt)}，{s.districtName}，{s.place}
                </Text>
              ))}
            </>
          ) : null}
        </View>
      ) : null}

      <View className="card">
        <Text className="card__title">培训内容</Text>
        <Text className="detail__text">{project.content}</Text>
      </View>

      <View className="card" id="project-institution">
        <Text className="card__title">培训机构</Text>
        <Text className="detail__org">{inst.name}</Text>
        <Text className="detail__text">
          {CARRIER_TYPES[inst.carrierType]} · {inst.districtName}
        </Text>
        <Text className="detail__text">地址：{inst.address}</Text>
        {inst.description ? <Text className="detail__text">{inst.description}</Text> : null}
        {inst.contactPhone ? (
          <Button
            className="btn-block"
            id="project-call"
            fill="outline"
            size="large"
            block
            onClick={() => void Taro.makePhoneCall({ phoneNumber: inst.contactPhone }).catch(() => undefined)}
          >
            打电话咨询 {inst.contactPhone}
          </Button>
        ) : null}
      </View>

      {project.demands.length ? (
        <View className="card">
          <Text className="card__title">招人的企业</Text>
          {project.demands.map((d) => (
            <Text key={d.id} className="detail__item">
              · {d.enterprise.name}：需要{d.occupation.name} {d.headcount} 人（{d.districtName}）
            </Text>
          ))}
        </View>
      ) : null}

      {project.classes.length ? (
        <View className="detail__bottom">
          <Button
            id="project-view-classes"
            type="primary"
            size="xlarge"
            block
            onClick={() => void Taro.pageScrollTo({ selector: '#project-classes-title', duration: 300 }).catch(() => undefined)}
          >
            查看班次（{project.classes.length}）
          </Button>
        </View>
      ) : null}
    </View>
  )
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View className="detail__fact">
      <Text className="detail__fact-label">{label}</Text>
      <Text className="detail__fact-value">{value}</Text>
    </View>
  )
}
