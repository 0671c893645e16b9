import { districtName, evaluationSessionCreateInput, type EvaluationSessionItem, type StaffEvaluationSession } from '@jz/shared';
import { z } from 'zod';
import { requireEvaluatorStaff } from '../../lib/certificates/access';
import { throwDbError } from '../../lib/dbErrors';
import { badRequest, forbidden } from '../../lib/errors';
import { created, ok, parseBody, parseQuery, route } from '../../lib/http';
import { idempotencyKey } from '../../lib/idempotency';
import { requireSession } from '../../lib/session';
import { userDb } from '../../lib/supabase';
import { evaluatorOf, publishingRpc } from '../../lib/supply/publishing';

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
 * GET: the caller's own evaluation sittings, recent and upcoming (those already started included, since results
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
    /**
     * POST: evaluator staff schedule a sitting for an occupation and level in their evaluation scope — a draft,
     * or published at once with `publish` (the evaluator must be on the whitelist). Staff of several evaluators
     * (and admins) name the institution.
     */
    POST: async (req) => {
      const session = await requireSession(req);
      requireEvaluatorStaff(session, { admins: true });
      const key = idempotencyKey(req, { required: false });
      const { institutionCode, occupation, level, publish, ...fields } = parseBody(req, evaluationSessionCreateInput);
      const institution = institutionCode ?? evaluatorOf(session);
      if (!institution) throw badRequest('请选择评价机构', { institutionCode: '您在多个评价机构任职，请选择评价机构' });
      const scheduled = await publishingRpc<StaffEvaluationSession>(session, 'create_evaluation_session', {
        p_institution_code: institution,
        p_occupation_code: occupation,
        p_level: level,
        p_fields: fields,
        p_publish: publish ?? false,
        p_idempotency_key: key,
      });
      return created({ session: scheduled });
    },
  },
  'evaluation-sessions',
);
