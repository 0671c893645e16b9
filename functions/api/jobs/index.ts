import { jobListQuery, jobPostInput } from '@jz/shared';
import { CACHE_LISTS } from '../../lib/catalog/cache';
import { created, ok, parseBody, parseQuery, route } from '../../lib/http';
import { requireJobPoster } from '../../lib/jobs/access';
import { listJobs, postJob } from '../../lib/jobs/jobs';
import { requireSession } from '../../lib/session';
import { stationOf } from '../../lib/supply/access';

/** 岗位: open jobs for everyone (no contacts); station staff and district reviewers post them. */
export default route(
  {
    GET: async (req) => ok(await listJobs(parseQuery(req, jobListQuery)), CACHE_LISTS),
    POST: async (req) => {
      const session = await requireSession(req);
      requireJobPoster(session);
      const input = parseBody(req, jobPostInput);
      const job = await postJob(session, input, input.stationCode ?? stationOf(session) ?? null);
      return created({ job });
    },
  },
  'jobs',
);
