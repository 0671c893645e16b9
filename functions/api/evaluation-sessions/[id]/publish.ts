import { transitionRoute } from '../../../lib/supply/transitionRoute';

/** 发布 a draft evaluation session (or reopen sign-up): the evaluator must be on the whitelist. */
export default transitionRoute('evaluationSession', 'publish', 'evaluation-sessions/[id]/publish');
