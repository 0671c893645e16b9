import { Text, View } from '@tarojs/components'
import { JobCard } from '../../components/JobCard'
import { MyEmployment } from '../../components/MyEmployment'
import { EmptyState, ErrorState, LoadingState, SignInRequired } from '../../components/states'
import { getJobMatches, openJobs } from '../../services/jobs'
import { useLoad } from '../../services/load'
import { openLogin } from '../../services/navigation'
import { useSession } from '../../services/session'
import { supportsSubscribeMessages } from '../../services/platform-subscribe'
import { offerSubscription } from '../../services/subscribe'
import './index.css'

export default function JobMatchesPage() {
  const session = useSession()
  const matches = useLoad(session.loggedIn ? 'matches' : null, () => getJobMatches({ silent: true }))

  if (!session.loggedIn) {
    return <SignInRequired text="登录后，我们会按您的证书、培训和所在区，挑出合适的岗位。" id="job-matches-login" onLogin={openLogin} />
  }

  return (
    <View className="page" id="job-matches-page">
      <Text className="job-matches__intro">按您的证书和培训挑选，同区的、工资高于本职业中位数的排在前面。</Text>
      {matches.status === 'loading' ? (
        <LoadingState text="正在为您挑选岗位…" />
      ) : matches.status === 'error' ? (
        <ErrorState message={matches.message} onRetry={matches.reload} />
      ) : matches.data.items.length === 0 ? (
        <View className="card">
          <EmptyState title="暂时没有推荐" text={matches.data.hint ?? ''}>
            <View className="job-matches__action" id="job-matches-all" onClick={openJobs}>
              <Text>看全部岗位</Text>
            </View>
          </EmptyState>
        </View>
      ) : (
        <View id="job-matches-list">
          {matches.data.items.map((m) => (
            <JobCard key={m.job.id} job={m.job} reason={m.reason} />
          ))}
          {supportsSubscribeMessages && (
            <View className="job-matches__action job-matches__remind" id="job-matches-remind" onClick={() => void offerSubscription('jobMatches')}>
              <Text>有新的合适岗位时，微信提醒我</Text>
            </View>
          )}
          <View className="job-matches__all" onClick={openJobs}>
            <Text>看全部岗位 ›</Text>
          </View>
        </View>
      )}
      <MyEmployment />
    </View>
  )
}
