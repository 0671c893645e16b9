export default definePageConfig({
  navigationBarTitleText: '项目申报',
})
