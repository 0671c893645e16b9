/** The one client for WeChat's server APIs; its base URL is configurable so tests can use a local stand-in. */
import { config } from './config';
import { ApiError } from './errors';
import { logError } from './log';
import { serviceDb } from './supabase';

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

async function call<T extends WeChatReply>(
  path: string,
  query: Record<string, string>,
  errors: Record<number, [number, string, string]> = ERRORS,
): Promise<T> {
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
  if (reply.errcode) throw wechatError(reply.errcode, errors);
  return reply;
}

function wechatError(errcode: number, errors: Record<number, [number, string, string]>): ApiError {
  const known = errors[errcode];
  if (known) return new ApiError(known[0], known[1], known[2]);
  return new ApiError(502, 'wechat_error', `微信服务返回错误（${errcode}），请稍后再试`);
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

/* ---------------------------------------------------------------- server access token */

/** Documented errors of /cgi-bin/token and /wxa/getwxacodeunlimit, for staff generating codes. */
const SERVER_API_ERRORS: Record<number, [number, string, string]> = {
  [-1]: [503, 'wechat_busy', '微信服务繁忙，请稍后再试'],
  40001: [502, 'wechat_credential_invalid', '微信接口凭证无效，请稍后再试；如持续出现请联系管理员核对 AppSecret'],
  42001: [502, 'wechat_credential_invalid', '微信接口凭证已过期，请稍后再试'],
  40002: [502, 'wechat_error', '微信接口参数有误（grant_type），请联系管理员'],
  40013: [503, 'wechat_misconfigured', '小程序 AppID 配置有误，请联系管理员'],
  40125: [503, 'wechat_misconfigured', '小程序 AppSecret 配置有误，请联系管理员'],
  40164: [503, 'wechat_ip_not_allowed', '服务器 IP 不在微信接口 IP 白名单中，请联系管理员'],
  89503: [503, 'wechat_ip_not_allowed', '服务器 IP 调用微信接口需管理员确认，请联系管理员'],
  41030: [400, 'wechat_page_invalid', '小程序页面不存在或尚未发布，暂时无法生成小程序码'],
  40129: [400, 'wechat_scene_invalid', '小程序码参数（scene）不符合微信要求'],
  45009: [429, 'wechat_quota_exceeded', '今天调用微信接口的次数已达上限，请明天再试'],
  45011: [429, 'wechat_rate_limited', '生成小程序码太频繁了，请稍等一分钟再试'],
  85096: [400, 'wechat_scene_invalid', '小程序码参数（scene）不符合微信要求'],
};

/* Tokens expire after 7200 s; we stop using one 5 minutes early so none expires mid-request. */
const EARLY_EXPIRY_MS = 5 * 60 * 1000;
const memoryTokens = new Map<string, { token: string; expiresAt: number }>();

/**
 * The server access_token. Cached in the database (table wechat_access_tokens) so every function
 * instance shares one: each /cgi-bin/token call makes WeChat retire the previous token within 5
 * minutes and counts against a daily quota (2,000), so per-instance tokens would keep invalidating
 * each other. A copy in memory saves the database read on a warm instance. `rejected` is a token
 * WeChat just refused (40001): it is skipped, and a fresh one fetched unless another instance
 * already stored a newer one.
 */
export async function getAccessToken(options: { rejected?: string } = {}): Promise<string> {
  const { appId, secret } = config.wechat;
  if (!appId || !secret) throw new ApiError(503, 'wechat_not_configured', '微信接口尚未配置');
  const now = Date.now();
  const usable = (t: { token: string; expiresAt: number } | undefined) =>
    t && t.expiresAt > now && t.token !== options.rejected ? t.token : undefined;

  const cached = usable(memoryTokens.get(appId));
  if (cached) return cached;

  const db = serviceDb();
  const stored = await db.from('wechat_access_tokens').select('access_token, expires_at').eq('app_id', appId).maybeSingle();
  if (stored.error) logError('-', 'wechat token cache', stored.error);
  if (stored.data) {
    const entry = { token: stored.data.access_token as string, expiresAt: Date.parse(stored.data.expires_at as string) };
    if (usable(entry)) {
      memoryTokens.set(appId, entry);
      return entry.token;
    }
  }

  const reply = await call<WeChatReply & { access_token?: string; expires_in?: number }>(
    'cgi-bin/token',
    { grant_type: 'client_credential', appid: appId, secret },
    SERVER_API_ERRORS,
  );
  if (!reply.access_token) throw new ApiError(502, 'wechat_error', '微信没有返回接口凭证，请稍后再试');
  const entry = { token: reply.access_token, expiresAt: now + (reply.expires_in ?? 7200) * 1000 - EARLY_EXPIRY_MS };
  memoryTokens.set(appId, entry);
  const saved = await db
    .from('wechat_access_tokens')
    .upsert({ app_id: appId, access_token: entry.token, expires_at: new Date(entry.expiresAt).toISOString(), updated_at: new Date(now).toISOString() });
  if (saved.error) logError('-', 'wechat token cache', saved.error);
  return entry.token;
}

/** Forgets this instance's copy (tests; a rotated AppSecret). */
export function forgetAccessTokens(): void {
  memoryTokens.clear();
}

/* ---------------------------------------------------------------- mini-program codes */

export interface WxacodeRequest {
  /** Up to 32 visible characters: the page reads it from its launch options (`scene`). */
  scene: string;
  /** Page path without a leading slash, e.g. pages/class/index. */
  page: string;
  width?: number;
}

/**
 * A mini-program code (wxacode.getUnlimited: unlimited in number, the scene carries the data) as an
 * image. WeChat answers image bytes on success and JSON on error; a token WeChat calls invalid or
 * expired (40001, 42001) is replaced once and the call retried.
 */
export async function getUnlimitedWxacode(request: WxacodeRequest): Promise<{ image: Buffer; contentType: string }> {
  const env = config.wechat.wxacodeEnv;
  const body = JSON.stringify({
    scene: request.scene,
    page: request.page,
    width: request.width ?? 430,
    // only released pages can be checked; trial and develop builds may have pages not yet released
    check_path: env === 'release',
    env_version: env,
  });
  let token = await getAccessToken();
  for (let attempt = 0; ; attempt++) {
    const answer = await postForImage('wxa/getwxacodeunlimit', token, body);
    if ('image' in answer) return answer;
    if ((answer.errcode === 40001 || answer.errcode === 42001) && attempt === 0) {
      token = await getAccessToken({ rejected: token });
      continue;
    }
    throw wechatError(answer.errcode, SERVER_API_ERRORS);
  }
}

async function postForImage(
  path: string,
  accessToken: string,
  body: string,
): Promise<{ image: Buffer; contentType: string } | { errcode: number; errmsg?: string }> {
  const { baseUrl, timeoutMs } = config.wechat;
  const url = new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  url.searchParams.set('access_token', accessToken);
  let response: Response;
  let bytes: Buffer;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    bytes = Buffer.from(await response.arrayBuffer());
  } catch {
    throw new ApiError(503, 'wechat_unreachable', '暂时连不上微信服务，请稍后再试');
  }
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('json') || contentType.startsWith('text/') || bytes[0] === 0x7b /* { */) {
    try {
      const reply = JSON.parse(bytes.toString('utf8')) as WeChatReply;
      return { errcode: reply.errcode ?? -1, errmsg: reply.errmsg };
    } catch {
      throw new ApiError(502, 'wechat_error', '微信返回了无法识别的内容，请稍后再试');
    }
  }
  return { image: bytes, contentType: contentType.startsWith('image/') ? contentType.split(';')[0]! : 'image/png' };
}

/* ---------------------------------------------------------------- subscribe messages */

export interface SubscribeMessage {
  openid: string;
  templateId: string;
  /** Page the message opens, e.g. pages/enrollments/index?id=…; no leading slash. */
  page?: string;
  /** Template fields by keyword, e.g. { thing1: '电工培训班', date2: '2026年12月01日' }. */
  data: Record<string, string>;
}

/**
 * How a send went, as the outbox records it: `sent`; `retry` (WeChat busy, over a limit or
 * unreachable: worth trying later); `failed` (the message itself is wrong: never retried);
 * `refused` (43101: the person has not accepted, or no longer accepts, this template).
 */
export type SendOutcome = { outcome: 'sent' } | { outcome: 'retry' | 'failed' | 'refused'; error: string };

/** Documented errors of subscribeMessage.send and what the outbox does with them. */
const SUBSCRIBE_OUTCOMES: Record<number, 'retry' | 'failed' | 'refused'> = {
  [-1]: 'retry', // system busy
  45009: 'retry', // daily API quota reached
  43101: 'refused', // user refused to accept the msg (no consent left)
  47003: 'failed', // template parameter invalid (field too long, wrong format)
  40003: 'failed', // invalid openid
  40037: 'failed', // invalid template id
};

const MINIPROGRAM_STATE = { release: 'formal', trial: 'trial', develop: 'developer' } as const;

/** subscribeMessage.send: one subscribe message; a token WeChat calls invalid or expired is replaced once. */
export async function sendSubscribeMessage(message: SubscribeMessage): Promise<SendOutcome> {
  const body = JSON.stringify({
    touser: message.openid,
    template_id: message.templateId,
    ...(message.page ? { page: message.page } : {}),
    data: Object.fromEntries(Object.entries(message.data).map(([k, value]) => [k, { value }])),
    miniprogram_state: MINIPROGRAM_STATE[config.wechat.wxacodeEnv],
    lang: 'zh_CN',
  });
  let token: string;
  try {
    token = await getAccessToken();
  } catch (error) {
    return { outcome: 'retry', error: error instanceof ApiError ? error.code : String(error) };
  }
  for (let attempt = 0; ; attempt++) {
    const reply = await postJson('cgi-bin/message/subscribe/send', token, body);
    if (!reply) return { outcome: 'retry', error: 'wechat_unreachable' };
    if (!reply.errcode) return { outcome: 'sent' };
    if ((reply.errcode === 40001 || reply.errcode === 42001) && attempt === 0) {
      try {
        token = await getAccessToken({ rejected: token });
      } catch (error) {
        return { outcome: 'retry', error: error instanceof ApiError ? error.code : String(error) };
      }
      continue;
    }
    return { outcome: SUBSCRIBE_OUTCOMES[reply.errcode] ?? 'retry', error: `${reply.errcode} ${reply.errmsg ?? ''}`.trim() };
  }
}

/** POSTs JSON to a server API; undefined when WeChat cannot be reached or answers something unreadable. */
async function postJson(path: string, accessToken: string, body: string): Promise<WeChatReply | undefined> {
  const { baseUrl, timeoutMs } = config.wechat;
  const url = new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  url.searchParams.set('access_token', accessToken);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return JSON.parse(await response.text()) as WeChatReply;
  } catch {
    return undefined;
  }
}
