/**
 * Subscribe messages exist only in WeChat: `platform-subscribe.weapp.ts` asks with
 * wx.requestSubscribeMessage, `platform-subscribe.h5.ts` never asks. Taro picks the file for the build.
 */

/** Whether this build can ask for WeChat subscribe messages. */
export const supportsSubscribeMessages: boolean

/**
 * Asks the person (a WeChat dialog needs a tap, so first our own plain-words modal), then WeChat's own
 * dialog. Answers WeChat's result ({ [tmplId]: 'accept' | … }), or null when the person said no or it failed.
 */
export function askToSubscribe(tmplIds: string[], why: string): Promise<Record<string, unknown> | null>
