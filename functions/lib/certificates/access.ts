/** Who is calling the certificate endpoints. */
import type { VercelRequest } from '@vercel/node';
import { forbidden } from '../errors';
import { requireSession, type Session } from '../session';

/** The session when the request carries one (a bad or expired token still answers 401), else null. */
export async function optionalSession(req: VercelRequest): Promise<Session | null> {
  return req.headers.authorization ? requireSession(req) : null;
}

/** A quick refusal before the database's own check: only evaluation institution staff (and admins) do this. */
export function requireEvaluatorStaff(session: Session, options: { admins: boolean }): void {
  if (!session.roles.some((g) => g.role === 'evaluator_staff' || (options.admins && g.role === 'admin'))) {
    throw forbidden('只有评价机构工作人员可以进行这个操作');
  }
}
