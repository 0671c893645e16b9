/** A holder's own certificates: the sealed ID number opened for its owner only. */
import type { VercelRequest } from '@vercel/node';
import type { OwnCertificate } from '@jz/shared';
import { decryptPersonal } from '../personalData';
import { serviceRpc } from './db';
import { verifyUrl } from './links';

type SealedOwnCertificate = Omit<OwnCertificate, 'verifyUrl' | 'holder'> & {
  holder: Omit<OwnCertificate['holder'], 'idNumber'>;
  holderIdNumberEnc: string;
};

/** Opens a sealed ID number; sample (seeded) records and data under a rotated key show only the masked form. */
function openIdNumber(sealed: string): string | null {
  try {
    return decryptPersonal(sealed);
  } catch {
    return null;
  }
}

/** The certificates of a signed-in person (by account, or by the ID number of their profile), newest first. */
export async function ownCertificates(req: VercelRequest, userId: string, certificateId?: string): Promise<OwnCertificate[]> {
  const { items } = await serviceRpc<{ items: SealedOwnCertificate[] }>('holder_certificates', {
    p_user_id: userId,
    p_certificate_id: certificateId ?? null,
  });
  return items.map(({ holderIdNumberEnc, ...c }) => ({
    ...c,
    holder: { ...c.holder, idNumber: openIdNumber(holderIdNumberEnc) },
    verifyUrl: verifyUrl(req, c.verifyToken),
  }));
}
