import { subsidyIdParams } from '@jz/shared';
import { ok, parseQuery, route } from '../../../../lib/http';
import { requireSession } from '../../../../lib/session';
import { requireSubsidyReviewer } from '../../../../lib/subsidies/access';
import { subsidyReviewDetail } from '../../../../lib/subsidies/check';

/** 申请详情: the application with its audit trail and every rule re-checked as of submission; other districts 404. */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      requireSubsidyReviewer(session);
      const { id } = parseQuery(req, subsidyIdParams);
      return ok(await subsidyReviewDetail(session, id));
    },
  },
  'review/subsidies/[id]',
);
