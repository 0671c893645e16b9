import { demandDecisionInput, demandIdParams, type DemandDeclaration } from '@jz/shared';
import { callRpc } from '../../../../lib/certificates/db';
import { ok, parseBody, parseQuery, route } from '../../../../lib/http';
import { requireSession } from '../../../../lib/session';
import { requireSupplyReviewer } from '../../../../lib/supply/access';

/** 审核: publish a submitted declaration onto the demand list, or return it to the declarer with a reason. */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      requireSupplyReviewer(session);
      const { id } = parseQuery(req, demandIdParams);
      const { decision, reason } = parseBody(req, demandDecisionInput);
      const demand = await callRpc<DemandDeclaration>(session, 'transition_demand', {
        p_id: id,
        p_to: decision === 'publish' ? 'published' : 'returned',
        p_reason: reason ?? null,
      });
      return ok({ demand });
    },
  },
  'review/demands/[id]/decision',
);
