import { evaluationRegistrationIdParams, type EvaluationCancelResult } from '@jz/shared';
import { ok, parseQuery, route } from '../../lib/http';
import { callRpc } from '../../lib/certificates/db';
import { requireSession } from '../../lib/session';

/** The owner cancels an evaluation sign-up before the session starts; the place goes back at once. */
export default route(
  {
    DELETE: async (req) => {
      const session = await requireSession(req);
      const { id } = parseQuery(req, evaluationRegistrationIdParams);
      return ok(await callRpc<EvaluationCancelResult>(session, 'cancel_evaluation_registration', { p_registration_id: id }));
    },
  },
  'evaluations/[id]',
);
