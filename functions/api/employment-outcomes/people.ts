import { employmentPeopleQuery } from '@jz/shared';
import { ok, parseQuery, route } from '../../lib/http';
import { employmentPeople, requireEmploymentRecorder } from '../../lib/jobs/workbench';
import { requireSession } from '../../lib/session';

/** 选择学员 for 就业登记: the people the caller's institution or station served, masked; `q` narrows by name or the mobile's last four digits. */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      requireEmploymentRecorder(session);
      return ok(await employmentPeople(session, parseQuery(req, employmentPeopleQuery).q));
    },
  },
  'employment-outcomes/people',
);
