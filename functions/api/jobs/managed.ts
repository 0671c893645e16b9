import { managedJobsQuery } from '@jz/shared';
import { ok, parseQuery, route } from '../../lib/http';
import { requireJobPoster } from '../../lib/jobs/access';
import { managedJobs } from '../../lib/jobs/workbench';
import { requireSession } from '../../lib/session';

/** 我的岗位 (工作台): the jobs the caller manages by status, with contact and interest split by consent, and counts per status. */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      requireJobPoster(session);
      return ok(await managedJobs(session, parseQuery(req, managedJobsQuery)));
    },
  },
  'jobs/managed',
);
