import { myEnrollmentsQuery, type Enrollment } from '@jz/shared';
import { ok, parseQuery, route } from '../../lib/http';
import { callRpc } from '../../lib/enrollment/rpc';
import { requireSession } from '../../lib/session';

/** 我的报名: the caller's enrollments, newest first, with waitlist positions; ?status=active for current ones only. */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      const { status } = parseQuery(req, myEnrollmentsQuery);
      return ok(await callRpc<{ items: Enrollment[] }>(session, 'my_enrollments', { p_scope: status }));
    },
  },
  'me/enrollments',
);
