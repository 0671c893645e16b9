import { facetsQuery } from '@jz/shared';
import { ok, parseQuery, route } from '../../lib/http';
import { CACHE_LISTS } from '../../lib/catalog/cache';
import { projectFacets } from '../../lib/catalog/queries';

/** Counts per filter value for the catalog filters (each filter counted with the others applied). */
export default route(
  {
    GET: async (req) => ok(await projectFacets(parseQuery(req, facetsQuery)), CACHE_LISTS),
  },
  'catalog/facets',
);
