import { evaluationSessionIdParams, evaluationSessionUpdateInput, type StaffEvaluationSession } from '@jz/shared';
import { requireEvaluatorStaff } from '../../../lib/certificates/access';
import { ok, parseBody, parseQuery, route } from '../../../lib/http';
import { requireSession } from '../../../lib/session';
import { publishingRpc } from '../../../lib/supply/publishing';

/** Edits an evaluation session's times, place, capacity (never below the places taken) or fee. */
export default route(
  {
    PUT: async (req) => {
      const session = await requireSession(req);
      requireEvaluatorStaff(session, { admins: true });
      const { id } = parseQuery(req, evaluationSessionIdParams);
      const fields = parseBody(req, evaluationSessionUpdateInput);
      return ok({
        session: await publishingRpc<StaffEvaluationSession>(session, 'update_evaluation_session', { p_session_id: id, p_fields: fields }),
      });
    },
  },
  'evaluation-sessions/[id]',
);
