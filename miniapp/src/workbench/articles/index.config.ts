export default definePageConfig({
  navigationBarTitleText: '政策资讯管理',
})
