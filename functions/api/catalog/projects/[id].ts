import { projectDetailQuery } from '@jz/shared';
import { notFound } from '../../../lib/errors';
import { ok, parseQuery, route } from '../../../lib/http';
import { CACHE_LISTS } from '../../../lib/catalog/cache';
import { projectDetail } from '../../../lib/catalog/queries';

/** One public project: classes with seats left, institution, demands it answers, evaluation path, salary guide. */
export default route(
  {
    GET: async (req) => {
      const { id, lat, lng } = parseQuery(req, projectDetailQuery);
      const project = await projectDetail(id, lat, lng);
      if (!project) throw notFound('找不到这个培训项目，它可能已下架');
      return ok({ project }, CACHE_LISTS);
    },
  },
  'catalog/projects/[id]',
);
