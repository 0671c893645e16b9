import { grantRoleInput } from '@jz/shared';
import { ok, parseBody, route } from '../../lib/http';
import { setRoleGrant } from '../../lib/roles';
import { requireRole } from '../../lib/session';

/** Admins grant or revoke staff roles; the database checks the caller again and audits the change. */
export default route(
  {
    POST: async (req) => {
      const session = await requireRole(req, 'admin');
      const { userId, role, scope, revoke } = parseBody(req, grantRoleInput);
      const roles = await setRoleGrant(userId, { role, ...(scope ? { scope } : {}) }, { revoke, token: session.token });
      return ok({ userId, roles });
    },
  },
  'admin/roles',
);
