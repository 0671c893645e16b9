import { employmentRecordInput } from '@jz/shared';
import { created, ok, parseBody, route } from '../../lib/http';
import { outcomesForStaff, recordEmployment } from '../../lib/jobs/employment';
import { requireSession } from '../../lib/session';

/** 就业登记: institution staff (people enrolled in their classes) and station staff (people they referred) record hires; GET lists what their roles cover. */
export default route(
  {
    GET: async (req) => ok(await outcomesForStaff(await requireSession(req))),
    POST: async (req) => {
      const session = await requireSession(req);
      return created({ outcome: await recordEmployment(session, parseBody(req, employmentRecordInput)) });
    },
  },
  'employment-outcomes',
);
