import { subsidyIdParams, subsidyWithdrawInput, type SubsidyApplication } from '@jz/shared';
import { callRpc } from '../../../lib/certificates/db';
import { ok, parseBody, parseQuery, route } from '../../../lib/http';
import { requireSession } from '../../../lib/session';

/** 撤回: the applicant takes back an application that is still only submitted. */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      const { id } = parseQuery(req, subsidyIdParams);
      const { reason } = parseBody(req, subsidyWithdrawInput);
      const application = await callRpc<SubsidyApplication>(session, 'transition_subsidy', {
        p_id: id,
        p_to: 'withdrawn',
        p_reason: reason ?? null,
        p_payment_ref: null,
      });
      return ok({ application });
    },
  },
  'subsidies/[id]/withdraw',
);
