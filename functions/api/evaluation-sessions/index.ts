import { districtName, type EvaluationSessionItem } from '@jz/shared';
import { z } from 'zod';
import { throwDbError } from '../../lib/dbErrors';
import { forbidden } from '../../lib/errors';
import { ok, parseQuery, route } from '../../lib/http';
import { requireSession } from '../../lib/session';
import { userDb } from '../../lib/supabase';

const query = z.strictObject({
  days: z.coerce.number({ error: '天数应为1到365的整数' }).int('天数应为1到365的整数').min(1, '天数应为1到365的整数').max(365, '天数应为1到365的整数').default(90),
});

interface SessionRow {
  id: string;
  code: string;
  level: EvaluationSessionItem['level'];
  starts_at: string;
  ends_at: string;
  district: string;
  place: string;
  lat: number | null;
  lng: number | null;
  capacity: number;
  registered: number;
  signup_opens_at: string;
  signup_closes_at: string;
  fee: number;
  institutions: { id: string; code: string; name: string };
  occupations: { code: string; name: string; is_specialty: boolean };
}

function signupState(row: SessionRow, now: number): EvaluationSessionItem['signup'] {
  if (now < Date.parse(row.signup_opens_at)) return 'not_open';
  if (now >= Date.parse(row.signup_closes_at)) return 'closed';
  return row.registered >= row.capacity ? 'full' : 'open';
}

/**
 * The caller's own evaluation sittings, recent and upcoming (those already started included, since results
 * are entered after a sitting starts), soonest first. Evaluator staff only; RLS limits rows to their institution.
 */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      const scopes = session.roles.filter((g) => g.role === 'evaluator_staff' && g.scope).map((g) => g.scope!);
      if (scopes.length === 0) throw forbidden('只有评价机构工作人员可以查看本机构的评价场次');
      const { days } = parseQuery(req, query);
      const since = new Date(Date.now() - days * 24 * 3600 * 1000).toISOString();
      const { data, error } = await userDb(session.token)
        .from('evaluation_sessions')
        .select(
          'id, code, level, starts_at, ends_at, district, place, lat, lng, capacity, registered, signup_opens_at, signup_closes_at, fee, ' +
            'institutions!inner(id, code, name), occupations!inner(code, name, is_specialty)',
        )
        .in('institutions.code', scopes)
        .neq('status', 'draft')
        .gte('ends_at', since)
        .order('starts_at')
        .order('id')
        .limit(200)
        .returns<SessionRow[]>();
      if (error) throwDbError(error, 'staff evaluation sessions');
      const now = Date.now();
      const items: EvaluationSessionItem[] = (data ?? []).map((s) => ({
        id: s.id,
        code: s.code,
        institution: { id: s.institutions.id, code: s.institutions.code, name: s.institutions.name },
        occupation: { code: s.occupations.code, name: s.occupations.name, isSpecialty: s.occupations.is_specialty },
        level: s.level,
        startsAt: s.starts_at,
        endsAt: s.ends_at,
        district: s.district,
        districtName: districtName(s.district) ?? s.district,
        place: s.place,
        lat: s.lat,
        lng: s.lng,
        capacity: s.capacity,
        seatsLeft: Math.max(0, s.capacity - s.registered),
        signupOpensAt: s.signup_opens_at,
        signupClosesAt: s.signup_closes_at,
        signup: signupState(s, now),
        fee: Number(s.fee),
        distanceKm: null,
      }));
      return ok({ items, nextCursor: null, total: items.length });
    },
  },
  'evaluation-sessions',
);
