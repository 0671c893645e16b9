import type { LoginResult } from '@jz/shared'
import { ApiError } from './api'

/** `wx.login` exists only inside WeChat; the web version signs in through the mini-program. */
export const supportsWeChatLogin = false

export function signInWithWeChat(): Promise<LoginResult> {
  return Promise.reject(new ApiError(0, 'unsupported', '网页版不能用微信登录，请在微信中打开小程序'))
}
