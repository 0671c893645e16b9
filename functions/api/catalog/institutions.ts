import { institutionListQuery } from '@jz/shared';
import { ok, parseQuery, route } from '../../lib/http';
import { CACHE_REFERENCE } from '../../lib/catalog/cache';
import { listInstitutions } from '../../lib/catalog/queries';

/** The published whitelists of training and evaluation institutions. */
export default route(
  {
    GET: async (req) => ok(await listInstitutions(parseQuery(req, institutionListQuery)), CACHE_REFERENCE),
  },
  'catalog/institutions',
);
