import { proposalDecisionInput, proposalIdParams, type ProjectProposal } from '@jz/shared';
import { callRpc } from '../../../../lib/certificates/db';
import { ok, parseBody, parseQuery, route } from '../../../../lib/http';
import { requireSession } from '../../../../lib/session';
import { requireSupplyReviewer } from '../../../../lib/supply/access';

/** 审核: publish a submitted proposal (the project enters the catalog at once) or return it with a reason. */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      requireSupplyReviewer(session);
      const { id } = parseQuery(req, proposalIdParams);
      const { decision, reason } = parseBody(req, proposalDecisionInput);
      const proposal = await callRpc<ProjectProposal>(session, 'transition_project_proposal', {
        p_id: id,
        p_to: decision === 'publish' ? 'published' : 'returned',
        p_reason: reason ?? null,
      });
      return ok({ proposal });
    },
  },
  'review/proposals/[id]/decision',
);
