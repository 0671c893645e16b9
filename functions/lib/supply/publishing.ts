/**
 * Calls to the publishing Postgres functions (classes and evaluation sessions staff schedule). A
 * refusal that is about one input field also names that field, so forms can mark it.
 */
import { throwDbError } from '../dbErrors';
import { ApiError } from '../errors';
import type { Session } from '../session';
import { userDb } from '../supabase';

/** Database refusal code → the request field it is about. */
const FIELD_OF: Record<string, string> = {
  class_name_invalid: 'name',
  class_dates_invalid: 'endDate',
  class_start_past: 'startDate',
  class_window_invalid: 'enrollClosesAt',
  class_district_unknown: 'district',
  class_address_required: 'address',
  class_coordinates_invalid: 'lat',
  class_capacity_invalid: 'capacity',
  class_fee_mismatch: 'fee',
  class_sessions_invalid: 'sessions',
  class_capacity_below_enrolled: 'capacity',
  class_project_not_published: 'projectId',
  project_not_found: 'projectId',
  evaluation_session_times_invalid: 'signupClosesAt',
  evaluation_session_start_past: 'startsAt',
  evaluation_session_district_unknown: 'district',
  evaluation_session_place_invalid: 'place',
  evaluation_session_coordinates_invalid: 'lat',
  evaluation_session_capacity_invalid: 'capacity',
  evaluation_session_fee_invalid: 'fee',
  evaluation_capacity_below_registered: 'capacity',
  evaluation_unknown_occupation: 'occupation',
  evaluation_out_of_scope: 'level',
  publication_reason_required: 'reason',
  invalid_reason: 'reason',
};

/** Refusals whose message carries a count from the error's detail (seats already taken). */
const WITH_COUNT: Record<string, (n: string) => string> = {
  class_capacity_below_enrolled: (n) => `名额（capacity）不能少于已报名的 ${n} 人`,
  evaluation_capacity_below_registered: (n) => `名额（capacity）不能少于已报名的 ${n} 人`,
};

export async function publishingRpc<T>(session: Session, fn: string, args: Record<string, unknown>): Promise<T> {
  const { data, error } = await userDb(session.token).rpc(fn, args);
  if (!error) return data as T;
  try {
    throwDbError(error, fn);
  } catch (known) {
    const field = FIELD_OF[error.message];
    if (!field || !(known instanceof ApiError)) throw known;
    const counted = WITH_COUNT[known.code];
    const message = counted && error.details && /^\d+$/.test(error.details) ? counted(error.details) : known.message;
    throw new ApiError(known.status, known.code, message, { [field]: message });
  }
}

/** The evaluation institution a staff member schedules for when they name none: their one evaluator scope. */
export function evaluatorOf(session: Session): string | undefined {
  const scopes = session.roles.filter((g) => g.role === 'evaluator_staff' && g.scope).map((g) => g.scope!);
  return scopes.length === 1 ? scopes[0] : undefined;
}
