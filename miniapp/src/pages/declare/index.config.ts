export default definePageConfig({
  navigationBarTitleText: '企业申报用工需求',
})
