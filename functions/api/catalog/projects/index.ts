import { projectListQuery } from '@jz/shared';
import { ok, parseQuery, route } from '../../../lib/http';
import { CACHE_LISTS } from '../../../lib/catalog/cache';
import { listProjects } from '../../../lib/catalog/queries';

/** 指导目录: searchable, filterable list of public training projects, one keyset page at a time. */
export default route(
  {
    GET: async (req) => ok(await listProjects(parseQuery(req, projectListQuery)), CACHE_LISTS),
  },
  'catalog/projects',
);
