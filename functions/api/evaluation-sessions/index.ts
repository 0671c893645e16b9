import {
  districtName,
  evaluationSessionCreateInput,
  evaluatorSessionListQuery,
  PUBLICATION_STATUSES,
  type EvaluationSessionItem,
  type EvaluatorSessions,
  type PublicationStatus,
  type StaffEvaluationSession,
  type StaffEvaluationSessionItem,
} from '@jz/shared';
import { requireEvaluatorStaff } from '../../lib/certificates/access';
import { throwDbError } from '../../lib/dbErrors';
import { badRequest, forbidden } from '../../lib/errors';
import { created, ok, parseBody, parseQuery, route } from '../../lib/http';
import { idempotencyKey } from '../../lib/idempotency';
import { requireSession } from '../../lib/session';
import { userDb } from '../../lib/supabase';
import { evaluatorOf, publishingRpc } from '../../lib/supply/publishing';

interface SessionRow {
  id: string;
  code: string;
  status: PublicationStatus;
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

/** The latest cancellation reason of each cancelled sitting (staff read their own sittings' history). */
async function cancelReasons(token: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { data, error } = await userDb(token)
    .from('publication_events')
    .select('session_id, reason')
    .in('session_id', ids)
    .eq('action', 'cancel')
    .order('id')
    .returns<Array<{ session_id: string; reason: string | null }>>();
  if (error) throwDbError(error, 'evaluation session cancel reasons');
  return new Map((data ?? []).filter((e) => e.reason).map((e) => [e.session_id, e.reason!]));
}

/**
 * GET: the caller's own evaluation sittings, recent and upcoming (those already started included, since results
 * are entered after a sitting starts), soonest first, drafts included — `status` narrows to one status; counts per
 * status cover the same window. Evaluator staff only; RLS limits rows to their institution. The public list is
 * /api/catalog/evaluation-sessions.
 */
export default route(
  {
    GET: async (req) => {
      const session = await requireSession(req);
      const scopes = session.roles.filter((g) => g.role === 'evaluator_staff' && g.scope).map((g) => g.scope!);
      if (scopes.length === 0) throw forbidden('只有评价机构工作人员可以查看本机构的评价场次');
      const { days, status } = parseQuery(req, evaluatorSessionListQuery);
      const since = new Date(Date.now() - days * 24 * 3600 * 1000).toISOString();
      const db = userDb(session.token);
      let list = db
        .from('evaluation_sessions')
        .select(
          'id, code, status, level, starts_at, ends_at, district, place, lat, lng, capacity, registered, signup_opens_at, signup_closes_at, fee, ' +
            'institutions!inner(id, code, name), occupations!inner(code, name, is_specialty)',
        )
        .in('institutions.code', scopes)
        .gte('ends_at', since);
      if (status) list = list.eq('status', status);
      const [rows, statuses] = await Promise.all([
        list.order('starts_at').order('id').limit(200).returns<SessionRow[]>(),
        db
          .from('evaluation_sessions')
          .select('status, institutions!inner(code)')
          .in('institutions.code', scopes)
          .gte('ends_at', since)
          .limit(5000)
          .returns<Array<{ status: PublicationStatus }>>(),
      ]);
      if (rows.error) throwDbError(rows.error, 'staff evaluation sessions');
      if (statuses.error) throwDbError(statuses.error, 'staff evaluation session counts');
      const data = rows.data ?? [];
      const reasons = await cancelReasons(session.token, data.filter((s) => s.status === 'cancelled').map((s) => s.id));
      const now = Date.now();
      const items: StaffEvaluationSessionItem[] = data.map((s) => ({
        id: s.id,
        code: s.code,
        status: s.status,
        registered: s.registered,
        cancelReason: reasons.get(s.id) ?? null,
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
      const counts = Object.fromEntries(Object.keys(PUBLICATION_STATUSES).map((k) => [k, 0])) as Record<PublicationStatus, number>;
      for (const row of statuses.data ?? []) counts[row.status] += 1;
      const body: EvaluatorSessions = { items, nextCursor: null, total: items.length, counts };
      return ok(body);
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
