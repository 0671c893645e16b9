import { classIdParams, classUpdateInput, type StaffClass } from '@jz/shared';
import { requireInstitutionStaff } from '../../../lib/enrollment/rpc';
import { ok, parseBody, parseQuery, route } from '../../../lib/http';
import { requireSession } from '../../../lib/session';
import { publishingRpc } from '../../../lib/supply/publishing';

/** Edits a class (not a cancelled one): capacity never below the seats already taken; added seats go to the waitlist first. */
export default route(
  {
    PUT: async (req) => {
      const session = await requireSession(req);
      requireInstitutionStaff(session);
      const { id } = parseQuery(req, classIdParams);
      const fields = parseBody(req, classUpdateInput);
      return ok({ class: await publishingRpc<StaffClass>(session, 'update_class', { p_class_id: id, p_fields: fields }) });
    },
  },
  'classes/[id]',
);
