export default definePageConfig({
  navigationBarTitleText: '薪酬指引',
})
