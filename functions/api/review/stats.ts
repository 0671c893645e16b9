import { subsidyStatsQuery, type SubsidyStats } from '@jz/shared';
import { callRpc } from '../../lib/certificates/db';
import { ok, parseQuery, route } from '../../lib/http';
import { requireSession } from '../../lib/session';
import { requireSubsidyReviewer } from '../../lib/subsidies/access';

/** 统计: subsidy counts and amounts by status, district, occupation, person category and month (what the caller may review). */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      requireSubsidyReviewer(session);
      const { from, to } = parseQuery(req, subsidyStatsQuery);
      return ok(await callRpc<SubsidyStats>(session, 'subsidy_stats', { p_from: from ?? null, p_to: to ?? null }));
    },
  },
  'review/stats',
);
