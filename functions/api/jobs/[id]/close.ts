import { jobIdParams } from '@jz/shared';
import { ok, parseQuery, route } from '../../../lib/http';
import { closeJob } from '../../../lib/jobs/jobs';
import { requireSession } from '../../../lib/session';

/** A manager closes an open job (招满或停止招聘): it leaves lists and recommendations. */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      const { id } = parseQuery(req, jobIdParams);
      return ok({ job: await closeJob(session, id) });
    },
  },
  'jobs/[id]/close',
);
