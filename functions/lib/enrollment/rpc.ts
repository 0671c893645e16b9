/** Calls to the enrollment Postgres functions, as the caller (RLS and the functions' own checks apply) or anonymously. */
import type { VercelRequest } from '@vercel/node';
import { config } from '../config';
import { throwDbError } from '../dbErrors';
import { forbidden } from '../errors';
import type { Session } from '../session';
import { anonDb, userDb } from '../supabase';

export async function callRpc<T>(session: Session | null, fn: string, args: Record<string, unknown>): Promise<T> {
  const db = session ? userDb(session.token) : anonDb();
  const { data, error } = await db.rpc(fn, args);
  if (error) throwDbError(error, fn);
  return data as T;
}

/** A quick refusal before the database's own check: only institution staff (and admins) work on classes. */
export function requireInstitutionStaff(session: Session): void {
  if (!session.roles.some((g) => g.role === 'institution_staff' || g.role === 'admin')) {
    throw forbidden('只有培训机构工作人员可以进行这个操作');
  }
}

/** Origin of the H5 app for printed links: PUBLIC_APP_URL, else the origin this request came to. */
export function appOrigin(req: VercelRequest): string {
  if (config.publicAppUrl) return config.publicAppUrl.replace(/\/+$/, '');
  const header = (name: string) => {
    const v = req.headers[name];
    return (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim();
  };
  const proto = header('x-forwarded-proto') ?? 'http';
  const host = header('x-forwarded-host') ?? header('host') ?? 'localhost';
  return `${proto}://${host}`;
}
