import { proposalIdParams, proposalUpdateInput, type ProjectProposal } from '@jz/shared';
import { callRpc } from '../../../lib/certificates/db';
import { ok, parseBody, parseQuery, route } from '../../../lib/http';
import { requireSession } from '../../../lib/session';
import { proposalContentArgs } from '../../../lib/supply/proposals';

/** One proposal with its history (proposer side, or the district's reviewers once submitted); PUT corrects a draft or a returned one. */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      const { id } = parseQuery(req, proposalIdParams);
      return ok({ proposal: await callRpc<ProjectProposal>(session, 'project_proposal', { p_id: id }) });
    },
    PUT: async (req) => {
      const session = await requireSession(req);
      const { id } = parseQuery(req, proposalIdParams);
      const input = parseBody(req, proposalUpdateInput);
      const proposal = await callRpc<ProjectProposal>(session, 'update_project_proposal', { p_id: id, ...proposalContentArgs(input) });
      return ok({ proposal });
    },
  },
  'proposals/[id]',
);
