/** Real HTTP calls to a running stack, as the mini-program makes them. */
import type { LoginResult, RoleGrant } from '@jz/shared';

export interface ApiReply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  body?: unknown;
  rawBody?: string;
  token?: string;
  headers?: Record<string, string>;
}

export function apiClient(baseUrl: string) {
  async function call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<ApiReply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await fetch(new URL(path, baseUrl), { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  return {
    call,
    get: <T = any>(path: string, options?: CallOptions) => call<T>('GET', path, options),
    post: <T = any>(path: string, body?: unknown, options?: CallOptions) => call<T>('POST', path, { ...options, body }),
    put: <T = any>(path: string, body?: unknown, options?: CallOptions) => call<T>('PUT', path, { ...options, body }),
    /** Signs in through the development login; names are made unique per call unless `exactName`. */
    async devLogin(name: string, roles?: RoleGrant[]): Promise<LoginResult> {
      const reply = await call<LoginResult>('POST', '/api/auth/dev-login', { body: { name, ...(roles ? { roles } : {}) } });
      if (reply.status !== 200) throw new Error(`dev login failed: ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body;
    },
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

let counter = 0;
/** A name no other test uses, so tests never share an account by accident. */
export const uniqueName = (prefix = '测试') => `${prefix}${process.pid}${Date.now().toString(36)}${counter++}`;
