import { classCreateInput, classListQuery, type InstitutionClasses, type StaffClass } from '@jz/shared';
import { requireInstitutionStaff } from '../../lib/enrollment/rpc';
import { created, ok, parseBody, parseQuery, route } from '../../lib/http';
import { idempotencyKey } from '../../lib/idempotency';
import { requireSession } from '../../lib/session';
import { publishingRpc } from '../../lib/supply/publishing';

/**
 * 我的班次: institution staff list their institution's classes (seats taken, capacity, waitlist) with counts per
 * status (admins name the institution with ?institution=INS-…), and schedule a new class under one of its published projects — a draft, or published at once with
 * `publish` (the institution must be on the whitelist). An optional Idempotency-Key makes a retried create safe.
 */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      requireInstitutionStaff(session);
      const { status, institution } = parseQuery(req, classListQuery);
      return ok(
        await publishingRpc<InstitutionClasses>(session, 'institution_classes', { p_status: status ?? null, p_institution_code: institution ?? null }),
      );
    },
    POST: async (req) => {
      const session = await requireSession(req);
      requireInstitutionStaff(session);
      const key = idempotencyKey(req, { required: false });
      const { projectId, publish, ...fields } = parseBody(req, classCreateInput);
      const cls = await publishingRpc<StaffClass>(session, 'create_class', {
        p_project_id: projectId,
        p_fields: fields,
        p_publish: publish ?? false,
        p_idempotency_key: key,
      });
      return created({ class: cls });
    },
  },
  'classes',
);
