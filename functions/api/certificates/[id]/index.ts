import { certificateIdParams, type OwnCertificate, type StaffCertificate } from '@jz/shared';
import { ok, parseQuery, route } from '../../../lib/http';
import { callRpc } from '../../../lib/certificates/db';
import { ownCertificates } from '../../../lib/certificates/holder';
import { requireSession } from '../../../lib/session';

/** One certificate: unmasked for its holder; masked for the issuing institution's staff and admins; 404 for anyone else. */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      const { id } = parseQuery(req, certificateIdParams);
      const [own] = await ownCertificates(req, session.userId, id);
      if (own) return ok({ certificate: own } satisfies { certificate: OwnCertificate });
      return ok(await callRpc<{ certificate: StaffCertificate }>(session, 'certificate_for_staff', { p_certificate_id: id }));
    },
  },
  'certificates/[id]',
);
