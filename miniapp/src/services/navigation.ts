/** Moving between pages, in one place so page paths are written once. */
import Taro from '@tarojs/taro'

export const PAGES = {
  home: '/pages/index/index',
  training: '/pages/training/index',
  certificates: '/pages/certificates/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  profile: '/pages/profile/index',
} as const

export function openLogin(): void {
  void Taro.navigateTo({ url: PAGES.login })
}

export function openProfile(): void {
  void Taro.navigateTo({ url: PAGES.profile })
}

export function openTab(tab: 'home' | 'training' | 'certificates' | 'me'): void {
  void Taro.switchTab({ url: PAGES[tab] })
}

/** After signing in: back to the page that sent the person here, or to 我的. */
export function leaveLoginPage(): void {
  if (Taro.getCurrentPages().length > 1) {
    void Taro.navigateBack()
  } else {
    openTab('me')
  }
}
