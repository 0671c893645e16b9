import type { HealthResult } from '@jz/shared';
import { config } from '../lib/config';
import { ok, route } from '../lib/http';
import { anonDb } from '../lib/supabase';

export default route(
  {
    GET: async () => {
      const { error } = await anonDb().rpc('health');
      const body: HealthResult = { ok: !error, database: config.databaseKind };
      return error ? { status: 503, body } : ok(body);
    },
  },
  'health',
);
