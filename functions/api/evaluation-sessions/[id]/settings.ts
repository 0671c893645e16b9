import { evaluationSessionIdParams, evaluationSessionSettingsInput, type EvaluationSessionBrief } from '@jz/shared';
import { ok, parseBody, parseQuery, route } from '../../../lib/http';
import { requireEvaluatorStaff } from '../../../lib/certificates/access';
import { callRpc } from '../../../lib/certificates/db';
import { requireSession } from '../../../lib/session';

/** Sign-up settings of a session: whether self-study (社会) candidates may sign up. */
export default route(
  {
    PUT: async (req) => {
      const session = await requireSession(req);
      requireEvaluatorStaff(session, { admins: true });
      const { id } = parseQuery(req, evaluationSessionIdParams);
      const input = parseBody(req, evaluationSessionSettingsInput);
      return ok(
        await callRpc<{ session: EvaluationSessionBrief }>(session, 'set_evaluation_session_settings', {
          p_session_id: id,
          p_allows_self_study: input.allowsSelfStudy,
        }),
      );
    },
  },
  'evaluation-sessions/[id]/settings',
);
