export default definePageConfig({
  navigationBarTitleText: '机构名录',
  onReachBottomDistance: 400,
})
