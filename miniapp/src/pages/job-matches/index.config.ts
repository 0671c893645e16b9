export default definePageConfig({
  navigationBarTitleText: '为您推荐的岗位',
})
