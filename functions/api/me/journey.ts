import type { JourneyResult } from '@jz/shared';
import { ok, route } from '../../lib/http';
import { callRpc } from '../../lib/certificates/db';
import { buildJourneys, type JourneyFacts } from '../../lib/certificates/journey';
import { requireSession } from '../../lib/session';

/** Where the caller stands per occupation: 报名 → 签到 → 结业 → 评价报名 → 评价结果 → 取证 → 补贴. */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      const [facts, subsidies] = await Promise.all([
        callRpc<JourneyFacts>(session, 'my_journey_facts', {}),
        callRpc<NonNullable<JourneyFacts['subsidies']>>(session, 'my_subsidy_applications', {}),
      ]);
      facts.subsidies = subsidies;
      const body: JourneyResult = { items: buildJourneys(facts) };
      return ok(body);
    },
  },
  'me/journey',
);
