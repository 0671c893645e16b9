import { demandCloseInput, demandIdParams, type DemandDeclaration } from '@jz/shared';
import { callRpc } from '../../../../lib/certificates/db';
import { ok, parseBody, parseQuery, route } from '../../../../lib/http';
import { requireSession } from '../../../../lib/session';
import { requireSupplyReviewer } from '../../../../lib/supply/access';

/** A published demand is met (fulfilled) or withdrawn (closed); it stays on the public list with that status. */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      requireSupplyReviewer(session);
      const { id } = parseQuery(req, demandIdParams);
      const { status } = parseBody(req, demandCloseInput);
      const demand = await callRpc<DemandDeclaration>(session, 'transition_demand', { p_id: id, p_to: status, p_reason: null });
      return ok({ demand });
    },
  },
  'review/demands/[id]/close',
);
