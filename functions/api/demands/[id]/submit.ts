import { demandIdParams, type DemandDeclaration } from '@jz/shared';
import { callRpc } from '../../../lib/certificates/db';
import { ok, parseQuery, route } from '../../../lib/http';
import { requireSession } from '../../../lib/session';

/** The declarer submits a draft (or a returned declaration) for review. */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      const { id } = parseQuery(req, demandIdParams);
      const demand = await callRpc<DemandDeclaration>(session, 'transition_demand', { p_id: id, p_to: 'submitted', p_reason: null });
      return ok({ demand });
    },
  },
  'demands/[id]/submit',
);
