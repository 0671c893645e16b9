import { jobIdParams } from '@jz/shared';
import { ok, parseQuery, route } from '../../../lib/http';
import { interestedIn } from '../../../lib/jobs/interest';
import { requireSession } from '../../../lib/session';

/** The job's managers see who is interested: name and mobile of those who consented, a count of the rest. */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      const { id } = parseQuery(req, jobIdParams);
      return ok(await interestedIn(session, id));
    },
  },
  'jobs/[id]/interested',
);
