import { rosterQuery, type Roster } from '@jz/shared';
import { file, ok, parseQuery, route } from '../../../lib/http';
import { attachment } from '../../../lib/csv';
import { rosterCsv } from '../../../lib/enrollment/roster';
import { callRpc, requireInstitutionStaff } from '../../../lib/enrollment/rpc';
import { requireSession } from '../../../lib/session';

/**
 * The class roster for its institution's staff: names, ID numbers and phones masked, attendance per
 * session day. `?format=csv` downloads it (UTF-8 with BOM, opens in Excel); `?include=cancelled`
 * lists cancelled sign-ups too.
 */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      requireInstitutionStaff(session);
      const { id, format, include } = parseQuery(req, rosterQuery);
      const roster = await callRpc<Roster>(session, 'class_roster', { p_class_id: id, p_include_cancelled: include === 'cancelled' });
      if (format === 'json') return ok(roster);
      return file(rosterCsv(roster), 'text/csv; charset=utf-8', {
        'Content-Disposition': attachment(`roster-${roster.class.code}.csv`, `花名册-${roster.class.code}-${roster.class.name}.csv`),
      });
    },
  },
  'classes/[id]/roster',
);
