export default definePageConfig({
  navigationBarTitleText: '班次报名二维码',
})
