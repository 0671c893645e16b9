import { timingSafeEqual } from 'node:crypto';
import type { VercelRequest } from '@vercel/node';
import { config } from '../../lib/config';
import { ApiError, unauthorized } from '../../lib/errors';
import { ok, route, type Handler } from '../../lib/http';
import { deliverDueNotifications, deliveryConfigured } from '../../lib/notifications/deliver';

/** Vercel Cron calls with `Authorization: Bearer ${CRON_SECRET}`; anyone else is refused. */
function requireCronSecret(req: VercelRequest): void {
  const secret = config.cronSecret;
  if (!secret) throw new ApiError(503, 'cron_not_configured', '定时任务尚未配置（CRON_SECRET）');
  const given = Buffer.from(String(req.headers.authorization ?? ''));
  const expected = Buffer.from(`Bearer ${secret}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw unauthorized('定时任务凭证不正确');
}

const deliver: Handler = async (req) => {
  requireCronSecret(req);
  if (!deliveryConfigured()) throw new ApiError(503, 'wechat_not_configured', '微信接口尚未配置，通知暂不发送');
  return ok(await deliverDueNotifications(config.notificationBatchSize, config.notificationTimeBudgetMs));
};

/** The scheduled deliverer of the notification outbox (functions/vercel.json runs it every 5 minutes). */
export default route({ GET: deliver, POST: deliver }, 'cron/deliver-notifications');
