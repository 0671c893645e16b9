import { z } from 'zod';
import { ApiError, badRequest } from '../../../lib/errors';
import { ok, parseBody, route } from '../../../lib/http';
import { callRpc } from '../../../lib/enrollment/rpc';
import { requireSession } from '../../../lib/session';

const templateKey = z.string().min(1).max(64);
/** What wx.requestSubscribeMessage answered: the keys asked for, and those the person accepted. */
const consentBody = z.object({
  templates: z.array(templateKey).min(1).max(20),
  accepted: z.array(templateKey).max(20),
});

interface Subscriptions {
  items: Array<{ key: string; templateId: string | null; description: string; remaining: number; grantedAt: string | null }>;
}

/** 消息订阅: the templates (key and WeChat template id, for wx.requestSubscribeMessage) and the caller's remaining sends. */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      return ok(await callRpc<Subscriptions>(session, 'my_notification_subscriptions', {}));
    },
    POST: async (req) => {
      const session = await requireSession(req);
      const body = parseBody(req, consentBody);
      try {
        return ok(await callRpc<Subscriptions>(session, 'record_notification_consent', { p_templates: body.templates, p_accepted: body.accepted }));
      } catch (error) {
        const text = error instanceof Error ? error.message : '';
        if (!(error instanceof ApiError) && text.includes('unknown_template')) {
          throw badRequest('没有这种消息订阅', { templates: '包含未知的订阅项' }, 'unknown_template');
        }
        if (!(error instanceof ApiError) && text.includes('accepted_not_asked')) {
          throw badRequest('同意的订阅项不在请求的订阅项中', { accepted: '只能是 templates 中的项' }, 'accepted_not_asked');
        }
        throw error;
      }
    },
  },
  'me/notifications/subscriptions',
);
