import { funnelExportQuery } from '@jz/shared';
import { attachment } from '../../lib/csv';
import { file, parseQuery, route } from '../../lib/http';
import { requireSession } from '../../lib/session';
import { loadFunnel } from '../../lib/stats/funnel';
import { funnelExport } from '../../lib/stats/funnelCsv';
import { requireSubsidyReviewer } from '../../lib/subsidies/access';

/** 数据看板 export: the same filters as /api/stats/funnel, as a CSV file Excel opens (kind funnel or breakdown). */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      requireSubsidyReviewer(session);
      const { kind, ...filters } = parseQuery(req, funnelExportQuery);
      const out = funnelExport(await loadFunnel(session, filters), kind);
      return file(out.csv, 'text/csv; charset=utf-8', { 'Content-Disposition': attachment(out.asciiName, out.name) });
    },
  },
  'stats/export',
);
