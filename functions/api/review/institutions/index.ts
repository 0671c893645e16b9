import { reviewInstitutionsQuery, type ReviewInstitutionList } from '@jz/shared';
import { callRpc } from '../../../lib/certificates/db';
import { ok, parseQuery, route } from '../../../lib/http';
import { requireSession } from '../../../lib/session';
import { requireSupplyReviewer } from '../../../lib/supply/access';

/** 白名单管理: the training and evaluation institutions of the reviewer's districts, by whitelist status and kind, with their history. */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      requireSupplyReviewer(session);
      const { status, kind } = parseQuery(req, reviewInstitutionsQuery);
      return ok(await callRpc<ReviewInstitutionList>(session, 'review_institutions', { p_status: status ?? null, p_kind: kind ?? null }));
    },
  },
  'review/institutions',
);
