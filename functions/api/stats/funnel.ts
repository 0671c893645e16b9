import { funnelQuery } from '@jz/shared';
import { ok, parseQuery, route } from '../../lib/http';
import { requireSession } from '../../lib/session';
import { loadFunnel } from '../../lib/stats/funnel';
import { requireSubsidyReviewer } from '../../lib/subsidies/access';

/** 数据看板: the cohort funnel 报名 → 结业 → 评价 → 取证 → 补贴 → 就业 with breakdowns and a monthly trend (reviewers: their districts). */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      requireSubsidyReviewer(session);
      return ok(await loadFunnel(session, parseQuery(req, funnelQuery)));
    },
  },
  'stats/funnel',
);
