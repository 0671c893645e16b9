import { demandListQuery } from '@jz/shared';
import { ok, parseQuery, route } from '../../lib/http';
import { CACHE_LISTS } from '../../lib/catalog/cache';
import { listDemands } from '../../lib/catalog/queries';

/** 需求清单: published skill needs of enterprises, newest first. */
export default route(
  {
    GET: async (req) => ok(await listDemands(parseQuery(req, demandListQuery)), CACHE_LISTS),
  },
  'catalog/demands',
);
