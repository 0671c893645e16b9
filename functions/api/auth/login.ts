import { loginInput } from '@jz/shared';
import { ok, parseBody, route } from '../../lib/http';
import { signIn } from '../../lib/signIn';
import { code2Session } from '../../lib/wechat';

/** WeChat sign-in: a `wx.login` code is exchanged server-side for the openid; only our token goes back. */
export default route(
  {
    POST: async (req) => {
      const { code } = parseBody(req, loginInput);
      const { openid } = await code2Session(code);
      return ok(await signIn(openid, '微信用户'));
    },
  },
  'auth/login',
);
