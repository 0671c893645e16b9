/** The one way a person becomes signed in: account upserted by openid, roles read, session token minted. */
import type { LoginResult, SessionUser } from '@jz/shared';
import { throwDbError } from './dbErrors';
import { signSession } from './session';
import { serviceDb } from './supabase';

export async function signIn(openid: string, displayName: string): Promise<LoginResult> {
  const { data, error } = await serviceDb().rpc('sign_in', { p_openid: openid, p_display_name: displayName });
  if (error) throwDbError(error, 'sign_in');
  const user = data as SessionUser;
  const { token, expiresAt } = await signSession(user.id, user.roles);
  return { token, expiresAt, user };
}
