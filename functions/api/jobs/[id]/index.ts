import { jobIdParams, jobUpdateInput } from '@jz/shared';
import { optionalSession } from '../../../lib/certificates/access';
import { notFound } from '../../../lib/errors';
import { ok, parseBody, parseQuery, route } from '../../../lib/http';
import { jobDetail, updateJob } from '../../../lib/jobs/jobs';
import { requireSession } from '../../../lib/session';

/** One job: public while open; the contact only for its managers and people who marked interest with consent. */
export default route(
  {
    GET: async (req) => {
      const session = await optionalSession(req);
      const { id } = parseQuery(req, jobIdParams);
      const job = await jobDetail(session, id);
      if (!job) throw notFound('找不到这个岗位，它可能已招满或过期');
      return ok({ job });
    },
    PUT: async (req) => {
      const session = await requireSession(req);
      const { id } = parseQuery(req, jobIdParams);
      return ok({ job: await updateJob(session, id, parseBody(req, jobUpdateInput)) });
    },
  },
  'jobs/[id]',
);
