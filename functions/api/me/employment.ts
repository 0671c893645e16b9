import { employmentReportInput } from '@jz/shared';
import { created, ok, parseBody, route } from '../../lib/http';
import { reportEmployment } from '../../lib/jobs/employment';
import { myEmployment } from '../../lib/jobs/workbench';
import { requireSession } from '../../lib/session';

/** 我已入职: the person reports being hired, optionally for a job they marked interest in; a repeat answers the first record. GET: their own record, newest hire first. */
export default route(
  {
    GET: async (req) => ok(await myEmployment(await requireSession(req))),
    POST: async (req) => {
      const session = await requireSession(req);
      return created({ outcome: await reportEmployment(session, parseBody(req, employmentReportInput)) });
    },
  },
  'me/employment',
);
