import { stationStatsQuery, type StationStats } from '@jz/shared';
import { ok, parseQuery, route } from '../../../lib/http';
import { callRpc } from '../../../lib/enrollment/rpc';
import { callerStation } from '../../../lib/enrollment/stations';
import { requireSession } from '../../../lib/session';

/** What the caller's station achieved: referrals, enrollments and completions per class and per ISO week. */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      const { station, weeks } = parseQuery(req, stationStatsQuery);
      const own = await callerStation(session, station);
      return ok(await callRpc<StationStats>(session, 'station_stats', { p_station_code: own.code, p_weeks: weeks }));
    },
  },
  'stations/me/stats',
);
