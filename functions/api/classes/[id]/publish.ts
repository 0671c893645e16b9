import { transitionRoute } from '../../../lib/supply/transitionRoute';

/** 发布 a draft class (or reopen sign-up closed early): the institution must be on the whitelist. */
export default transitionRoute('class', 'publish', 'classes/[id]/publish');
