/** The one client for WeChat's server APIs; its base URL is configurable so tests can use a local stand-in. */
import { config } from './config';
import { ApiError } from './errors';

export interface WeChatIdentity {
  openid: string;
  unionid?: string;
}

interface WeChatReply {
  errcode?: number;
  errmsg?: string;
}

/** WeChat's documented error codes, in words a worker can act on. */
const ERRORS: Record<number, [number, string, string]> = {
  40029: [400, 'wechat_code_invalid', '登录凭证已失效，请重新打开小程序再试'],
  40163: [400, 'wechat_code_used', '登录凭证已使用过，请重新登录'],
  45011: [429, 'wechat_rate_limited', '登录太频繁了，请稍等一分钟再试'],
  40226: [403, 'wechat_user_blocked', '该微信账号暂时无法登录，请联系微信客服'],
  [-1]: [503, 'wechat_busy', '微信服务繁忙，请稍后再试'],
};

async function call<T extends WeChatReply>(path: string, query: Record<string, string>): Promise<T> {
  const { baseUrl, timeoutMs } = config.wechat;
  const url = new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  let reply: T;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    // WeChat answers JSON, sometimes labelled text/plain.
    reply = JSON.parse(await response.text()) as T;
  } catch {
    throw new ApiError(503, 'wechat_unreachable', '暂时连不上微信服务，请稍后再试');
  }
  if (reply.errcode) {
    const known = ERRORS[reply.errcode];
    if (known) throw new ApiError(known[0], known[1], known[2]);
    throw new ApiError(502, 'wechat_error', `微信服务返回错误（${reply.errcode}），请稍后再试`);
  }
  return reply;
}

/** Exchanges a `wx.login` code for the user's openid. The session_key stays here and is dropped. */
export async function code2Session(code: string): Promise<WeChatIdentity> {
  const { appId, secret } = config.wechat;
  if (!appId || !secret) throw new ApiError(503, 'wechat_not_configured', '微信登录尚未配置');
  const reply = await call<WeChatReply & { openid?: string; unionid?: string; session_key?: string }>('sns/jscode2session', {
    appid: appId,
    secret,
    js_code: code,
    grant_type: 'authorization_code',
  });
  if (!reply.openid) throw new ApiError(502, 'wechat_error', '微信没有返回用户标识，请稍后再试');
  return { openid: reply.openid, ...(reply.unionid ? { unionid: reply.unionid } : {}) };
}
