import { articleTransitionRoute } from '../../../lib/articles/transition';

/** Takes an article off the public lists (a draft too, when it will not be published). */
export default articleTransitionRoute('archive');
