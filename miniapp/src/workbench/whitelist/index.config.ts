export default definePageConfig({
  navigationBarTitleText: '白名单管理',
})
