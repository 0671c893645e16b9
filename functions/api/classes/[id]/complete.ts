import { z } from 'zod';
import { classIdParams, type CompletionResult } from '@jz/shared';
import { ok, parseBody, parseQuery, route } from '../../../lib/http';
import { callRpc, requireInstitutionStaff } from '../../../lib/enrollment/rpc';
import { requireSession } from '../../../lib/session';

/**
 * Completion (结业) after the class's last day: enrolled people at or above the attendance threshold
 * complete; the others are listed so staff can drop them with a reason (POST …/drop).
 */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      requireInstitutionStaff(session);
      const { id } = parseQuery(req, classIdParams);
      parseBody(req, z.strictObject({}));
      return ok(await callRpc<CompletionResult>(session, 'complete_class', { p_class_id: id }));
    },
  },
  'classes/[id]/complete',
);
