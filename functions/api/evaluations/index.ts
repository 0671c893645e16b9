import { evaluationSignupInput, type EvaluationSignupResult } from '@jz/shared';
import { parseBody, route } from '../../lib/http';
import { idempotencyKey } from '../../lib/idempotency';
import { callRpc } from '../../lib/certificates/db';
import { requireSession } from '../../lib/session';

/**
 * 评价报名: one Postgres function checks the window, eligibility and places and takes a place
 * atomically. The Idempotency-Key is required: a retry gets the first answer (Idempotency-Replayed: true).
 */
export default route(
  {
    POST: async (req) => {
      const session = await requireSession(req);
      const input = parseBody(req, evaluationSignupInput);
      const key = idempotencyKey(req, { required: true });
      const { replayed, ...body } = await callRpc<EvaluationSignupResult & { replayed: boolean }>(session, 'register_for_evaluation', {
        p_session_id: input.sessionId,
        p_idempotency_key: key,
      });
      const headers: Record<string, string> = replayed ? { 'Idempotency-Replayed': 'true' } : {};
      return { status: 201, body, headers };
    },
  },
  'evaluations',
);
