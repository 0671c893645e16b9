import type { SessionUser } from '@jz/shared';
import { throwDbError } from '../../lib/dbErrors';
import { notFound } from '../../lib/errors';
import { ok, route } from '../../lib/http';
import { requireSession } from '../../lib/session';
import { userDb } from '../../lib/supabase';

/** The signed-in person with roles as they are now (a token's roles may be older). */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      const db = userDb(session.token);
      const [user, roles, profile] = await Promise.all([
        db.from('users').select('id, display_name').eq('id', session.userId).maybeSingle(),
        db.from('role_grants').select('role, scope').order('id'),
        db.from('profiles').select('user_id').eq('user_id', session.userId).maybeSingle(),
      ]);
      for (const r of [user, roles, profile]) if (r.error) throwDbError(r.error, 'me');
      if (!user.data) throw notFound('找不到这个账号，请重新登录');
      const body: SessionUser = {
        id: user.data.id,
        displayName: user.data.display_name,
        roles: (roles.data ?? []).map((g) => (g.scope ? { role: g.role, scope: g.scope } : { role: g.role })),
        hasProfile: Boolean(profile.data),
      };
      return ok({ user: body });
    },
  },
  'me',
);
