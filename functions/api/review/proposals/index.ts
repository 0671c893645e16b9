import { proposalReviewQuery, type ProposalList } from '@jz/shared';
import { callRpc } from '../../../lib/certificates/db';
import { ok, parseQuery, route } from '../../../lib/http';
import { requireSession } from '../../../lib/session';
import { requireSupplyReviewer } from '../../../lib/supply/access';

/** Proposals to review in the reviewer's districts: submitted ones unless another status is asked for, with totals per status. */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      requireSupplyReviewer(session);
      const { status, district } = parseQuery(req, proposalReviewQuery);
      return ok(await callRpc<ProposalList>(session, 'review_project_proposals', {
        p_status: status ?? 'submitted',
        p_district: district ?? null,
      }));
    },
  },
  'review/proposals',
);
