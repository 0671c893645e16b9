export default definePageConfig({
  navigationBarTitleText: '培训项目',
})
