export default definePageConfig({
  navigationBarTitleText: '评价场次',
})
