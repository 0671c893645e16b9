export default definePageConfig({
  navigationBarTitleText: '签到和结业',
})
