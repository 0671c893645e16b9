import { subsidyBatchInput, type SubsidyApplication } from '@jz/shared';
import { callRpc } from '../../../lib/certificates/db';
import { ok, parseBody, route } from '../../../lib/http';
import { requireSession } from '../../../lib/session';
import { requireSubsidyReviewer } from '../../../lib/subsidies/access';

const TARGET = { approve: 'approved', publicise: 'publicised', pay: 'paid' } as const;

/** 批量: approve, start the public notice, or record payment for many applications, all or nothing. */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      requireSubsidyReviewer(session);
      const { action, ids, paymentRef } = parseBody(req, subsidyBatchInput);
      return ok(
        await callRpc<{ items: SubsidyApplication[] }>(session, 'transition_subsidies', {
          p_ids: ids,
          p_to: TARGET[action],
          p_reason: null,
          p_payment_ref: paymentRef ?? null,
        }),
      );
    },
  },
  'review/subsidies/batch',
);
