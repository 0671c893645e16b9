import { jobIdParams, jobInterestInput } from '@jz/shared';
import { ok, parseBody, parseQuery, route } from '../../../lib/http';
import { markInterest, withdrawInterest } from '../../../lib/jobs/interest';
import { requireSession } from '../../../lib/session';

/** 我感兴趣: marks interest (with or without consent to share name and mobile); DELETE withdraws it and any consent. */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      const { id } = parseQuery(req, jobIdParams);
      const { consentToShareContact } = parseBody(req, jobInterestInput);
      return ok(await markInterest(session, id, consentToShareContact));
    },
    DELETE: async (req) => {
      const session = await requireSession(req);
      const { id } = parseQuery(req, jobIdParams);
      return ok(await withdrawInterest(session, id));
    },
  },
  'jobs/[id]/interest',
);
