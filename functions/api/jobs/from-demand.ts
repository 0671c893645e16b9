import { jobFromDemandInput } from '@jz/shared';
import { created, parseBody, route } from '../../lib/http';
import { requireJobPoster } from '../../lib/jobs/access';
import { jobFromDemand } from '../../lib/jobs/jobs';
import { requireSession } from '../../lib/session';

/** A published demand becomes a job: by the district's reviewers or the station that declared it. */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      requireJobPoster(session);
      return created({ job: await jobFromDemand(session, parseBody(req, jobFromDemandInput)) });
    },
  },
  'jobs/from-demand',
);
