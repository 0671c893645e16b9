import { ok, route } from '../../lib/http';
import { jobMatchesFor } from '../../lib/jobs/matches';
import { requireSession } from '../../lib/session';

/** 为您推荐的岗位: open jobs that fit the caller's certificates and completed classes, best first, each with its reason. */
export default route(
  {
    GET: async (req) => ok(await jobMatchesFor(await requireSession(req))),
  },
  'me/job-matches',
);
