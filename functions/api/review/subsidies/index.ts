import { subsidyReviewQuery, type SubsidyReviewPage } from '@jz/shared';
import { callRpc } from '../../../lib/certificates/db';
import { ok, parseQuery, route } from '../../../lib/http';
import { requireSession } from '../../../lib/session';
import { requireSubsidyReviewer } from '../../../lib/subsidies/access';

/** 审核列表: applications the caller may review (their district, or all), filtered, with totals over every match. */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      requireSubsidyReviewer(session);
      const q = parseQuery(req, subsidyReviewQuery);
      return ok(
        await callRpc<SubsidyReviewPage>(session, 'review_subsidy_applications', {
          p_status: q.status ?? null,
          p_district: q.district ?? null,
          p_occupation: q.occupation ?? null,
          p_from: q.from ?? null,
          p_to: q.to ?? null,
          p_cursor: q.cursor ?? null,
          p_limit: q.limit ?? 50,
        }),
      );
    },
  },
  'review/subsidies',
);
