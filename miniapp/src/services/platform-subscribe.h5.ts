/** The web version has no WeChat subscribe messages: it never asks. */
export const supportsSubscribeMessages = false

export function askToSubscribe(): Promise<Record<string, unknown> | null> {
  return Promise.resolve(null)
}
