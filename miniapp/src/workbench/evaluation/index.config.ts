export default definePageConfig({
  navigationBarTitleText: '评价成绩和证书导入',
})
