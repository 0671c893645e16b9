import { demandReviewQuery, type DemandDeclaration } from '@jz/shared';
import { callRpc } from '../../../lib/certificates/db';
import { ok, parseQuery, route } from '../../../lib/http';
import { requireSession } from '../../../lib/session';
import { requireSupplyReviewer } from '../../../lib/supply/access';

/** Declarations to review in the reviewer's districts: submitted ones unless another status is asked for. */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      requireSupplyReviewer(session);
      const { status, district } = parseQuery(req, demandReviewQuery);
      return ok(await callRpc<{ items: DemandDeclaration[] }>(session, 'review_demands', {
        p_status: status ?? 'submitted',
        p_district: district ?? null,
      }));
    },
  },
  'review/demands',
);
