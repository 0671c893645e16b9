import { certificateIdParams, type CertificateQrCode } from '@jz/shared';
import { notFound } from '../../../lib/errors';
import { ok, parseQuery, route } from '../../../lib/http';
import { ownCertificates } from '../../../lib/certificates/holder';
import { dataUri, qrPng } from '../../../lib/qr/qr';
import { requireSession } from '../../../lib/session';

/** The QR code of a certificate's public verification link, for the certificate detail page; its holder only. */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      const { id } = parseQuery(req, certificateIdParams);
      const [own] = await ownCertificates(req, session.userId, id);
      if (!own) throw notFound('找不到这张证书');
      const body: CertificateQrCode = { verifyUrl: own.verifyUrl, qrcode: dataUri(await qrPng(own.verifyUrl, 360)) };
      return ok(body);
    },
  },
  'certificates/[id]/qrcode',
);
