import { stationMeQuery } from '@jz/shared';
import { ok, parseQuery, route } from '../../../lib/http';
import { callerStation } from '../../../lib/enrollment/stations';
import { requireSession } from '../../../lib/session';

/** The station the caller works for (?station= for admins or staff of several stations). */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      const { station } = parseQuery(req, stationMeQuery);
      return ok({ station: await callerStation(session, station) });
    },
  },
  'stations/me',
);
