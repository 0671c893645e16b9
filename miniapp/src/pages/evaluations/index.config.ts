export default definePageConfig({
  navigationBarTitleText: '技能评价报名',
})
