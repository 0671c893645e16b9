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
  /** Vercel Cron sends `Authorization: Bearer ${CRON_SECRET}`; the scheduled functions refuse anything else. */
  get cronSecret() {
    return optional('CRON_SECRET');
  },
  /** Notifications one deliverer run sends at most (default 50). */
  get notificationBatchSize() {
    return Math.min(500, Math.max(1, Number(optional('NOTIFICATION_BATCH_SIZE') ?? 50) || 50));
  },
  /** Milliseconds a deliverer run spends sending before it leaves the rest for the next run (default 45 s, under Vercel's 60 s). */
  get notificationTimeBudgetMs() {
    return Math.max(0, Number(optional('NOTIFICATION_TIME_BUDGET_MS') ?? 45_000) || 0);
  },
  get logRequests() {
    return optional('LOG_LEVEL') !== 'silent';
  },
};
