import { proposalInput, proposalListQuery, type ProjectProposal, type ProposalList } from '@jz/shared';
import { callRpc } from '../../lib/certificates/db';
import { badRequest } from '../../lib/errors';
import { created, ok, parseBody, parseQuery, route } from '../../lib/http';
import { requireSession } from '../../lib/session';
import { requireSupplyReviewer } from '../../lib/supply/access';
import { institutionOf, proposalContentArgs, requireProposer } from '../../lib/supply/proposals';

/**
 * 项目申报: institution staff propose a project answering published demands (saved as a draft unless
 * `submit`); reviewers and admins register a self-developed project (source district, department or
 * mass_org). GET lists the caller's proposals with totals per status.
 */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      requireProposer(session);
      const { status } = parseQuery(req, proposalListQuery);
      return ok(await callRpc<ProposalList>(session, 'my_project_proposals', { p_status: status ?? null }));
    },
    POST: async (req) => {
      const session = await requireSession(req);
      requireProposer(session);
      const input = parseBody(req, proposalInput);
      const source = input.source ?? 'institution';
      if (source !== 'institution') requireSupplyReviewer(session);
      const institution = input.institution ?? institutionOf(session);
      if (!institution) throw badRequest('请指定培训机构', { institution: '请填写承担培训的机构编号，例如 INS-001' });
      const proposal = await callRpc<ProjectProposal>(session, 'propose_project', {
        ...proposalContentArgs(input),
        p_source: source,
        p_institution_code: institution,
        p_district: input.district ?? null,
        p_submit: input.submit ?? false,
      });
      return created({ proposal });
    },
  },
  'proposals',
);
