export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/training/index',
    'pages/certificates/index',
    'pages/me/index',
    'pages/login/index',
    'pages/profile/index',
    // Opened by station QR codes and mini-program codes: keep these paths as they are.
    'pages/project/index',
    'pages/class/index',
    'pages/enrollments/index',
    'pages/institutions/index',
    'pages/demands/index',
    'pages/declare/index',
    'pages/salary/index',
    'pages/certificate/index',
    'pages/subsidy/index',
    'pages/subsidies/index',
    'pages/evaluations/index',
    // The QR code on every certificate opens this path (CERTIFICATE_VERIFY_PAGE): keep it as it is.
    'pages/verify/index',
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f4f6fa',
    navigationBarBackgroundColor: '#1a5fd0',
    navigationBarTitleText: '技能照亮前程',
    navigationBarTextStyle: 'white',
  },
  tabBar: {
    color: '#5c6370',
    selectedColor: '#1a5fd0',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/training/index', text: '培训', iconPath: 'assets/tab/training.png', selectedIconPath: 'assets/tab/training-active.png' },
      { pagePath: 'pages/certificates/index', text: '证书', iconPath: 'assets/tab/certificates.png', selectedIconPath: 'assets/tab/certificates-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
  // Staff tools: downloaded only when staff open them, so workers never pay for them.
  subPackages: [{ root: 'workbench', pages: ['index', 'station/index', 'class/index', 'review/index', 'evaluation/index'] }],
})
