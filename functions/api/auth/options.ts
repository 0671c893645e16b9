import { config } from '../../lib/config';
import { ok, route } from '../../lib/http';

/** Tells the app which sign-in it may offer: WeChat, or the development login when WeChat is not configured. */
export default route(
  {
    GET: async () => ok({ wechatLogin: config.wechat.configured, devLogin: config.devLoginEnabled }),
  },
  'auth/options',
);
