import { stationVisitInput } from '@jz/shared';
import { parseBody, route } from '../../lib/http';
import { callRpc } from '../../lib/enrollment/rpc';

/**
 * Counts one opening of a class or project through a station's code (the page calls it once per
 * visit that carries `station`). Public and light: no account, no personal data, just a count.
 */
export default route(
  {
    POST: async (req) => {
      const input = parseBody(req, stationVisitInput);
      await callRpc(null, 'record_station_visit', {
        p_station_code: input.stationCode,
        p_class_id: input.classId ?? null,
        p_project_id: input.projectId ?? null,
      });
      return { status: 202, body: { recorded: true } };
    },
  },
  'stations/visits',
);
