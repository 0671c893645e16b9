import Taro from '@tarojs/taro'

export const supportsSubscribeMessages = true

export async function askToSubscribe(tmplIds: string[], why: string): Promise<Record<string, unknown> | null> {
  // wx.requestSubscribeMessage must follow a tap: the modal's 接收提醒 button is that tap.
  const { confirm } = await Taro.showModal({ title: '接收微信提醒', content: why, confirmText: '接收提醒', cancelText: '暂不' })
  if (!confirm) return null
  try {
    // The answer maps each template id to 'accept' | 'reject' | 'ban' | 'filter'. (Taro's typing wants
    // entityIds too, which belong to another kind of subscription; WeChat takes tmplIds alone.)
    const answer: object = await Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option)
    return answer as Record<string, unknown>
  } catch {
    return null // e.g. the person switched messages off for this mini-program: nothing to record
  }
}
