import { transitionRoute } from '../../../lib/supply/transitionRoute';

/** 取消场次 with a reason: every registration is cancelled and the person notified. */
export default transitionRoute('evaluationSession', 'cancel', 'evaluation-sessions/[id]/cancel');
