/** Calls to the evaluation and certificate Postgres functions: as the caller (their checks and RLS apply), anonymously, or as the service role. */
import { throwDbError } from '../dbErrors';
import type { Session } from '../session';
import { anonDb, serviceDb, userDb } from '../supabase';

export async function callRpc<T>(session: Session | null, fn: string, args: Record<string, unknown>): Promise<T> {
  const db = session ? userDb(session.token) : anonDb();
  const { data, error } = await db.rpc(fn, args);
  if (error) throwDbError(error, fn);
  return data as T;
}

/** For functions only the service role may call (lookup, a holder's sealed data): the API has checked the caller. */
export async function serviceRpc<T>(fn: string, args: Record<string, unknown>): Promise<T> {
  const { data, error } = await serviceDb().rpc(fn, args);
  if (error) throwDbError(error, fn);
  return data as T;
}
