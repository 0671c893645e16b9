export default definePageConfig({
  navigationBarTitleText: '培训',
  onReachBottomDistance: 400,
})
