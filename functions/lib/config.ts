/** Configuration read from the environment when needed, so the local stack can set it before the first request. */

function optional(name: string): string | undefined {
  const value = process.env[name];
  return value && value.trim() !== '' ? value.trim() : undefined;
}

function required(name: string): string {
  const value = optional(name);
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

export const config = {
  get supabaseUrl() {
    return required('SUPABASE_URL');
  },
  get anonKey() {
    return required('SUPABASE_ANON_KEY');
  },
  get serviceRoleKey() {
    return required('SUPABASE_SERVICE_ROLE_KEY');
  },
  get jwtSecret() {
    return required('SUPABASE_JWT_SECRET');
  },
  get jwtIssuer() {
    return optional('JWT_ISSUER') ?? 'jinengzhaoliang';
  },
  /** Lifetime of a session token in seconds (default 12 hours; the mini-program logs in again silently). */
  get sessionTtlSeconds() {
    return Number(optional('SESSION_TTL_SECONDS') ?? 12 * 3600);
  },
  get dataEncryptionKey() {
    return required('DATA_ENCRYPTION_KEY');
  },
  get databaseKind(): 'pglite' | 'postgres' | 'supabase' {
    const kind = optional('DATABASE_KIND');
    return kind === 'pglite' || kind === 'postgres' ? kind : 'supabase';
  },
  get production() {
    return process.env.NODE_ENV === 'production';
  },
  get wechat() {
    const appId = optional('WECHAT_APPID');
    const secret = optional('WECHAT_SECRET');
    return {
      appId,
      secret,
      configured: Boolean(appId && secret),
      baseUrl: optional('WECHAT_API_BASE') ?? 'https://api.weixin.qq.com',
      timeoutMs: Number(optional('WECHAT_TIMEOUT_MS') ?? 5000),
      /** Which build mini-program codes open: release (default), trial or develop. */
      wxacodeEnv: (['trial', 'develop'].includes(optional('WECHAT_WXACODE_ENV') ?? '') ? optional('WECHAT_WXACODE_ENV') : 'release') as
        | 'release'
        | 'trial'
        | 'develop',
    };
  },
  /** Public origin of the H5 app, for links printed in QR codes (default: the origin of the request). */
  get publicAppUrl() {
    return optional('PUBLIC_APP_URL');
  },
  /** Dev login exists only outside production and only while WeChat login is not configured. */
  get devLoginEnabled() {
    return !this.production && !this.wechat.configured;
  },
  get logRequests() {
    return optional('LOG_LEVEL') !== 'silent';
  },
};
