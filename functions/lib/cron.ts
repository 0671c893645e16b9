import { timingSafeEqual } from 'node:crypto';
import type { VercelRequest } from '@vercel/node';
import { config } from './config';
import { ApiError, unauthorized } from './errors';

/** Scheduled functions: Vercel Cron calls with `Authorization: Bearer ${CRON_SECRET}`; anyone else is refused. */
export function requireCronSecret(req: VercelRequest): void {
  const secret = config.cronSecret;
  if (!secret) throw new ApiError(503, 'cron_not_configured', '定时任务尚未配置（CRON_SECRET）');
  const given = Buffer.from(String(req.headers.authorization ?? ''));
  const expected = Buffer.from(`Bearer ${secret}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw unauthorized('定时任务凭证不正确');
}
