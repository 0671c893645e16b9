/** One job in a list: title, pay (and how it compares with the salary guide), employer, place; optional reason line. */
import { Text, View } from '@tarojs/components'
import type { JobItem } from '@jz/shared'
import { levelShort } from '../services/catalog'
import { openJob, payText } from '../services/jobs'
import { Tag } from './Tag'
import './JobCard.css'

export function JobCard({ job, reason }: { job: JobItem; reason?: string }) {
  return (
    <View className="card job-card" id={`job-${job.id}`} onClick={() => openJob(job.id)}>
      <View className="job-card__head">
        <Text className="job-card__title">{job.title}</Text>
        <Text className="job-card__pay">{payText(job)}</Text>
      </View>
      {reason ? <Text className="job-card__reason">{reason}</Text> : null}
      <View className="job-card__tags">
        <Tag>{job.level ? levelShort(job.level) : '不限等级'}</Tag>
        <Tag tone="grey">{job.districtName}</Tag>
        <Tag tone="grey">{`招 ${job.openings} 人`}</Tag>
        {!reason && job.payComparison && job.payComparison.percent > 0 ? <Tag tone="grey">{job.payComparison.text}</Tag> : null}
      </View>
      <Text className="job-card__org">{job.enterprise.name}</Text>
    </View>
  )
}
