/** One training project in a list: what it is, who runs it, and its next class. */
import { Text, View } from '@tarojs/components'
import type { ProjectListItem } from '@jz/shared'
import { MODE_LABELS, levelShort } from '../services/catalog'
import { formatDay, formatFee } from '../services/format'
import { EnrollmentStateTag, Tag } from './Tag'
import './ProjectCard.css'

export function ProjectCard({ project, onOpen }: { project: ProjectListItem; onOpen: (id: string) => void }) {
  const next = project.nextClass
  return (
    <View className="project-card" id={`project-${project.id}`} onClick={() => onOpen(project.id)}>
      <Text className="project-card__title">{project.title}</Text>
      <View className="project-card__tags">
        <Tag>{levelShort(project.level)}</Tag>
        <Tag tone="grey">{MODE_LABELS[project.mode] ?? project.mode}</Tag>
        <Tag tone={project.funding === 'subsidised' ? 'green' : 'orange'}>{project.funding === 'subsidised' ? '政府补贴' : formatFee(project.fee)}</Tag>
        <Tag tone="grey">{`${project.hours}课时`}</Tag>
      </View>
      <Text className="project-card__org">{project.institution.name}</Text>
      {next ? (
        <View className="project-card__next">
          <View className="project-card__next-main">
            <Text className="project-card__next-date">{formatDay(next.startDate)}开班</Text>
            <Text className="project-card__next-place">
              {next.online ? '线上授课' : next.districtName}
              {next.enrollment === 'open' ? ` · 剩${next.seatsLeft}个名额` : ''}
            </Text>
          </View>
          <EnrollmentStateTag state={next.enrollment} />
        </View>
      ) : (
        <Text className="project-card__none">暂无近期班次</Text>
      )}
    </View>
  )
}
