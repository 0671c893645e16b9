import { SUBSIDY_DECISIONS, subsidyDecisionInput, subsidyIdParams, type SubsidyApplication } from '@jz/shared';
import { callRpc } from '../../../../lib/certificates/db';
import { ok, parseBody, parseQuery, route } from '../../../../lib/http';
import { requireSession } from '../../../../lib/session';
import { requireSubsidyReviewer } from '../../../../lib/subsidies/access';

/** 审核: start review, approve, or reject with a reason. */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      requireSubsidyReviewer(session);
      const { id } = parseQuery(req, subsidyIdParams);
      const { decision, reason } = parseBody(req, subsidyDecisionInput);
      const application = await callRpc<SubsidyApplication>(session, 'transition_subsidy', {
        p_id: id,
        p_to: SUBSIDY_DECISIONS[decision],
        p_reason: reason ?? null,
        p_payment_ref: null,
      });
      return ok({ application });
    },
  },
  'review/subsidies/[id]/decision',
);
