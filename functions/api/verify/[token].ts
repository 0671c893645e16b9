import { verifyTokenParams, type CertificateVerification, type PublicCertificate } from '@jz/shared';
import { notFound } from '../../lib/errors';
import { ok, route } from '../../lib/http';
import { callRpc } from '../../lib/certificates/db';

const NOT_FOUND = '找不到这张证书，请核对二维码或链接';

/**
 * Public verification (the QR code on a certificate): valid or revoked, holder masked, occupation,
 * level, institution, issue date. Cached briefly: a revocation shows within a minute.
 */
export default route(
  {
    GET: async (req) => {
      const parsed = verifyTokenParams.safeParse(req.query ?? {});
      if (!parsed.success) throw notFound(NOT_FOUND);
      const certificate = await callRpc<PublicCertificate | null>(null, 'verify_certificate', { p_token: parsed.data.token });
      if (!certificate) throw notFound(NOT_FOUND);
      const body: CertificateVerification = { certificate };
      return ok(body, { 'Cache-Control': 'public, max-age=60, s-maxage=60' });
    },
  },
  'verify/[token]',
);
