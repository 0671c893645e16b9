import { proposalIdParams, type ProjectProposal } from '@jz/shared';
import { callRpc } from '../../../lib/certificates/db';
import { ok, parseQuery, route } from '../../../lib/http';
import { requireSession } from '../../../lib/session';

/** The proposer withdraws a draft, a submitted or a returned proposal. */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      const { id } = parseQuery(req, proposalIdParams);
      const proposal = await callRpc<ProjectProposal>(session, 'transition_project_proposal', { p_id: id, p_to: 'withdrawn', p_reason: null });
      return ok({ proposal });
    },
  },
  'proposals/[id]/withdraw',
);
