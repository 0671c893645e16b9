import { View } from '@tarojs/components'
import { EmptyState } from '../../components/states'

/** The course catalog arrives in a later issue; until then this page says so plainly. */
export default function TrainingPage() {
  return (
    <View className="page" id="training-page">
      <View className="card">
        <EmptyState title="培训课程即将上线" text="开放报名的培训课程会显示在这里，您可以按领域和所在区查找。" />
      </View>
    </View>
  )
}
