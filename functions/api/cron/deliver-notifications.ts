import { config } from '../../lib/config';
import { requireCronSecret } from '../../lib/cron';
import { ApiError } from '../../lib/errors';
import { ok, route, type Handler } from '../../lib/http';
import { deliverDueNotifications, deliveryConfigured } from '../../lib/notifications/deliver';

const deliver: Handler = async (req) => {
  requireCronSecret(req);
  if (!deliveryConfigured()) throw new ApiError(503, 'wechat_not_configured', '微信接口尚未配置，通知暂不发送');
  return ok(await deliverDueNotifications(config.notificationBatchSize, config.notificationTimeBudgetMs));
};

/** The scheduled deliverer of the notification outbox (functions/vercel.json runs it every 5 minutes). */
export default route({ GET: deliver, POST: deliver }, 'cron/deliver-notifications');
