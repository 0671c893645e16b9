import { evaluationSessionListQuery } from '@jz/shared';
import { ok, parseQuery, route } from '../../lib/http';
import { CACHE_LISTS } from '../../lib/catalog/cache';
import { listEvaluationSessions } from '../../lib/catalog/queries';

/** Upcoming evaluation sittings open to sign-up (or soon), soonest first. */
export default route(
  {
    GET: async (req) => ok(await listEvaluationSessions(parseQuery(req, evaluationSessionListQuery)), CACHE_LISTS),
  },
  'catalog/evaluation-sessions',
);
