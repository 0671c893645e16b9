import Taro from '@tarojs/taro'
import type { LoginResult } from '@jz/shared'
import { ApiError, loginWithWeChat } from './api'

export const supportsWeChatLogin = true

export async function signInWithWeChat(): Promise<LoginResult> {
  let code: string
  try {
    ;({ code } = await Taro.login())
  } catch {
    throw new ApiError(0, 'wechat_login_failed', '微信登录没有成功，请稍后再试')
  }
  if (!code) throw new ApiError(0, 'wechat_login_failed', '微信登录没有成功，请稍后再试')
  return loginWithWeChat(code, { silent: true })
}
