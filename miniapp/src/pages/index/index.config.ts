export default definePageConfig({
  navigationBarTitleText: '技能照亮前程',
})
