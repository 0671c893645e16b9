import { articleTransitionRoute } from '../../../lib/articles/transition';

/** Publishes a draft (or brings back an archived article): everyone can read it from now on. */
export default articleTransitionRoute('publish');
