import { classIdParams, classSettingsInput, type ClassSettings } from '@jz/shared';
import { ok, parseBody, parseQuery, route } from '../../../lib/http';
import { callRpc, requireInstitutionStaff } from '../../../lib/enrollment/rpc';
import { requireSession } from '../../../lib/session';

/** Institution staff set a class's attendance threshold for completion and its waitlist limit (null = none). */
export default route(
  {
    PUT: async (req) => {
      const session = await requireSession(req);
      requireInstitutionStaff(session);
      const { id } = parseQuery(req, classIdParams);
      const patch = parseBody(req, classSettingsInput);
      return ok({ settings: await callRpc<ClassSettings>(session, 'set_class_settings', { p_class_id: id, p_patch: patch }) });
    },
  },
  'classes/[id]/settings',
);
