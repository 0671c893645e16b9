/**
 * Signing in with WeChat differs per platform: `platform-login.weapp.ts` uses `wx.login`,
 * `platform-login.h5.ts` explains that the web version cannot. Taro picks the file for the build.
 */
import type { LoginResult } from '@jz/shared'

/** Whether this build can sign in with WeChat. */
export const supportsWeChatLogin: boolean

/** Gets a login code from WeChat and exchanges it for our session token. */
export function signInWithWeChat(): Promise<LoginResult>
