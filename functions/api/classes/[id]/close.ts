import { transitionRoute } from '../../../lib/supply/transitionRoute';

/** 停止报名: close sign-up early; the class stays listed and enrollees keep their seats. */
export default transitionRoute('class', 'close', 'classes/[id]/close');
