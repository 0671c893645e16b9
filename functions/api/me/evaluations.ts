import type { EvaluationRegistration } from '@jz/shared';
import { ok, route } from '../../lib/http';
import { callRpc } from '../../lib/certificates/db';
import { requireSession } from '../../lib/session';

/** 我的评价: the caller's evaluation sign-ups, newest first, with results and certificates. */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      return ok(await callRpc<{ items: EvaluationRegistration[] }>(session, 'my_evaluations', {}));
    },
  },
  'me/evaluations',
);
