import { transitionRoute } from '../../../lib/supply/transitionRoute';

/** 停止报名: close sign-up early; people keep their places. */
export default transitionRoute('evaluationSession', 'close', 'evaluation-sessions/[id]/close');
