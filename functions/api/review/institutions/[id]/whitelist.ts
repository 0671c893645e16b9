import { institutionIdParams, whitelistActionInput, type WhitelistedInstitution } from '@jz/shared';
import { callRpc } from '../../../../lib/certificates/db';
import { ok, parseBody, parseQuery, route } from '../../../../lib/http';
import { requireSession } from '../../../../lib/session';
import { requireSupplyReviewer } from '../../../../lib/supply/access';

/** 白名单: list, suspend (with a reason; sign-ups stop at once) or restore a training or evaluation institution. */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      requireSupplyReviewer(session);
      const { id } = parseQuery(req, institutionIdParams);
      const { action, reason } = parseBody(req, whitelistActionInput);
      const institution = await callRpc<WhitelistedInstitution>(session, 'set_institution_whitelist', {
        p_id: id,
        p_action: action,
        p_reason: reason ?? null,
      });
      return ok({ institution });
    },
  },
  'review/institutions/[id]/whitelist',
);
