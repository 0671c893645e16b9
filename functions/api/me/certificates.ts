import type { OwnCertificate } from '@jz/shared';
import { ok, route } from '../../lib/http';
import { ownCertificates } from '../../lib/certificates/holder';
import { requireSession } from '../../lib/session';

/** 我的证书: the caller's certificates, unmasked for their owner, with the verification link their QR code carries. */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      const items: OwnCertificate[] = await ownCertificates(req, session.userId);
      return ok({ items });
    },
  },
  'me/certificates',
);
