export default definePageConfig({
  navigationBarTitleText: '证书',
  enablePullDownRefresh: true,
})
