import { evaluationResultsInput, evaluationSessionIdParams, type EvaluationCandidates, type RecordResultsResult } from '@jz/shared';
import { ok, parseBody, parseQuery, route } from '../../../lib/http';
import { requireEvaluatorStaff } from '../../../lib/certificates/access';
import { callRpc } from '../../../lib/certificates/db';
import { requireSession } from '../../../lib/session';

/**
 * A session's candidates and results, for its evaluation institution's staff. POST records pass,
 * fail or absent (with a score) per candidate; a pass issues the certificate in the same transaction.
 */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      requireEvaluatorStaff(session, { admins: true });
      const { id } = parseQuery(req, evaluationSessionIdParams);
      return ok(await callRpc<EvaluationCandidates>(session, 'evaluation_candidates', { p_session_id: id }));
    },
    POST: async (req) => {
      const session = await requireSession(req);
      requireEvaluatorStaff(session, { admins: false });
      const { id } = parseQuery(req, evaluationSessionIdParams);
      const { results } = parseBody(req, evaluationResultsInput);
      return ok(await callRpc<RecordResultsResult>(session, 'record_evaluation_results', { p_session_id: id, p_results: results }));
    },
  },
  'evaluation-sessions/[id]/results',
);
