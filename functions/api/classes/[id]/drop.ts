import { classIdParams, dropInput } from '@jz/shared';
import { ok, parseBody, parseQuery, route } from '../../../lib/http';
import { callRpc, requireInstitutionStaff } from '../../../lib/enrollment/rpc';
import { requireSession } from '../../../lib/session';

/** Institution staff mark enrolled people of a started class as dropped (未结业), all or none, with a reason. */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      requireInstitutionStaff(session);
      const { id } = parseQuery(req, classIdParams);
      const { enrollmentIds, reason } = parseBody(req, dropInput);
      return ok(
        await callRpc<{ classId: string; dropped: number }>(session, 'mark_dropped', {
          p_class_id: id,
          p_enrollment_ids: [...new Set(enrollmentIds)],
          p_reason: reason,
        }),
      );
    },
  },
  'classes/[id]/drop',
);
