import type { DemandDeclaration } from '@jz/shared';
import { callRpc } from '../../lib/certificates/db';
import { ok, route } from '../../lib/http';
import { requireSession } from '../../lib/session';

/** 我的需求申报: the caller's own declarations, newest first, with status and the reason when returned. */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      return ok(await callRpc<{ items: DemandDeclaration[] }>(session, 'my_demands', {}));
    },
  },
  'me/demands',
);
