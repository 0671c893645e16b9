import { classDetailQuery } from '@jz/shared';
import { notFound } from '../../../lib/errors';
import { ok, parseQuery, route } from '../../../lib/http';
import { CACHE_LISTS } from '../../../lib/catalog/cache';
import { classDetail } from '../../../lib/catalog/queries';
import { classUnavailableMessage } from '../../../lib/supply/unavailable';

/** One public class with its sessions, project and the institution running it. */
export default route(
  {
    GET: async (req) => {
      const { id, lat, lng } = parseQuery(req, classDetailQuery);
      const found = await classDetail(id, lat, lng);
      if (!found) throw notFound(await classUnavailableMessage(id));
      return ok({ class: found }, CACHE_LISTS);
    },
  },
  'catalog/classes/[id]',
);
