import { certificateIdParams, revokeCertificateInput, type StaffCertificate } from '@jz/shared';
import { ok, parseBody, parseQuery, route } from '../../../lib/http';
import { requireEvaluatorStaff } from '../../../lib/certificates/access';
import { callRpc } from '../../../lib/certificates/db';
import { requireSession } from '../../../lib/session';

/** Revokes (撤销) a certificate with a reason: evaluator staff of the issuing institution, or admins. Verification then shows it revoked. */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      requireEvaluatorStaff(session, { admins: true });
      const { id } = parseQuery(req, certificateIdParams);
      const { reason } = parseBody(req, revokeCertificateInput);
      return ok(
        await callRpc<{ certificate: StaffCertificate; changed: boolean }>(session, 'revoke_certificate', {
          p_certificate_id: id,
          p_reason: reason,
        }),
      );
    },
  },
  'certificates/[id]/revoke',
);
