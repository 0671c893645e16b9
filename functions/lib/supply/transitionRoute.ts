/** The publish / close / cancel routes of classes and evaluation sessions: one status move each, through the subject's transition function. */
import { classIdParams, evaluationSessionIdParams, publicationCancelInput, type StaffClass, type StaffEvaluationSession } from '@jz/shared';
import { requireEvaluatorStaff } from '../certificates/access';
import { requireInstitutionStaff } from '../enrollment/rpc';
import { ok, parseBody, parseQuery, route } from '../http';
import type { Session } from '../session';
import { requireSession } from '../session';
import { publishingRpc } from './publishing';

const SUBJECTS = {
  class: { fn: 'transition_class', idArg: 'p_class_id', params: classIdParams, requireStaff: requireInstitutionStaff, key: 'class' },
  evaluationSession: {
    fn: 'transition_evaluation_session',
    idArg: 'p_session_id',
    params: evaluationSessionIdParams,
    requireStaff: (session: Session) => requireEvaluatorStaff(session, { admins: true }),
    key: 'session',
  },
} as const;

/** POST route that moves one class or evaluation session: `cancel` takes `{ reason }`, the others no body. */
export function transitionRoute(subject: keyof typeof SUBJECTS, action: 'publish' | 'close' | 'cancel', name: string) {
  const s = SUBJECTS[subject];
  return route(
    {
      POST: async (req) => {
        const session = await requireSession(req);
        s.requireStaff(session);
        const { id } = parseQuery(req, s.params);
        const reason = action === 'cancel' ? parseBody(req, publicationCancelInput).reason : null;
        const moved = await publishingRpc<StaffClass | StaffEvaluationSession>(session, s.fn, {
          [s.idArg]: id,
          p_action: action,
          p_reason: reason,
        });
        return ok({ [s.key]: moved });
      },
    },
    name,
  );
}
