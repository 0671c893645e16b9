import { transitionRoute } from '../../../lib/supply/transitionRoute';

/** 取消班次 with a reason: every enrollee is released and notified in the same transaction. */
export default transitionRoute('class', 'cancel', 'classes/[id]/cancel');
