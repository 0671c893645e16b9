export default definePageConfig({
  navigationBarTitleText: '找岗位',
  onReachBottomDistance: 400,
})
