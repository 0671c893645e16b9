export default definePageConfig({
  navigationBarTitleText: '需求审核',
})
