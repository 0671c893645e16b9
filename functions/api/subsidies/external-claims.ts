import { externalSubsidyClaimInput, type ExternalSubsidyClaim } from '@jz/shared';
import { callRpc } from '../../lib/certificates/db';
import { created, parseBody, route } from '../../lib/http';
import { requireRole } from '../../lib/session';

/** 失业保险技能提升补贴 already paid for a certificate (recorded by admins), so the certificate draws one subsidy only. */
export default route(
  {
    POST: async (req) => {
      const session = await requireRole(req, 'admin');
      const { certificateId, claimedOn } = parseBody(req, externalSubsidyClaimInput);
      const claim = await callRpc<ExternalSubsidyClaim>(session, 'record_external_subsidy_claim', {
        p_certificate_id: certificateId,
        p_claimed_on: claimedOn,
      });
      return created({ claim });
    },
  },
  'subsidies/external-claims',
);
