import { devLoginInput } from '@jz/shared';
import { config } from '../../lib/config';
import { notFound } from '../../lib/errors';
import { ok, parseBody, route } from '../../lib/http';
import { signIn } from '../../lib/signIn';
import { grantRoles } from '../../lib/roles';

/** Development sign-in by name (optionally with staff roles). Absent in production and whenever WeChat is configured. */
export default route(
  {
    POST: async (req) => {
      if (!config.devLoginEnabled) throw notFound('找不到这个接口');
      const { name, roles } = parseBody(req, devLoginInput);
      const first = await signIn(`dev:${name}`, name);
      if (!roles?.length) return ok(first);
      await grantRoles(first.user.id, roles);
      return ok(await signIn(`dev:${name}`, name));
    },
  },
  'auth/dev-login',
);
