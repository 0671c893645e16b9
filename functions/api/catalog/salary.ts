import { salaryQuery } from '@jz/shared';
import { ok, parseQuery, route } from '../../lib/http';
import { CACHE_REFERENCE } from '../../lib/catalog/cache';
import { salaryGuides } from '../../lib/catalog/queries';

/** 薪酬价位: P10–P90 pay per occupation and level, latest year unless one is asked for. */
export default route(
  {
    GET: async (req) => ok(await salaryGuides(parseQuery(req, salaryQuery)), CACHE_REFERENCE),
  },
  'catalog/salary',
);
