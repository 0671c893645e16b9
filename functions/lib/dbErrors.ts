/** Postgres functions raise stable codes; this maps them to HTTP and a Chinese message. */
import { ApiError } from './errors';

const KNOWN: Record<string, [number, string]> = {
  not_authenticated: [401, '请先登录'],
  not_allowed: [403, '您没有权限进行这个操作'],
  id_number_taken: [409, '这个证件号码已绑定在另一个账号上，如有疑问请联系就近的就业服务站'],
  user_not_found: [404, '找不到这个用户'],
  invalid_scope: [400, '角色的适用范围不正确'],
  idempotency_key_invalid: [400, 'Idempotency-Key 格式不对'],
  idempotency_key_reused: [422, '这个操作编号已用于另一项操作，请刷新后重试'],
};

interface PostgrestLikeError {
  code?: string;
  message?: string;
  details?: string | null;
  hint?: string | null;
}

/** Throws the matching ApiError, or a plain Error (→ 500, logged) for anything unexpected. */
export function throwDbError(error: PostgrestLikeError, context: string): never {
  const known = error.message ? KNOWN[error.message] : undefined;
  if (known) throw new ApiError(known[0], error.message!, known[1]);
  throw new Error(`${context}: ${error.code ?? ''} ${error.message ?? ''} ${error.details ?? ''}`.trim());
}
