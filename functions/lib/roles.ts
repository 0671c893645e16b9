/** Granting and revoking staff roles through the one Postgres function that checks and audits it. */
import type { RoleGrant } from '@jz/shared';
import { throwDbError } from './dbErrors';
import { serviceDb, userDb } from './supabase';

/** As the caller (token) when given, so the database checks the caller is an admin; otherwise as the service role. */
export async function setRoleGrant(
  userId: string,
  grant: RoleGrant,
  options: { revoke?: boolean; token?: string } = {},
): Promise<RoleGrant[]> {
  const db = options.token ? userDb(options.token) : serviceDb();
  const { data, error } = await db.rpc('set_role_grant', {
    p_user_id: userId,
    p_role: grant.role,
    p_scope: grant.scope ?? null,
    p_revoke: options.revoke ?? false,
  });
  if (error) throwDbError(error, 'set_role_grant');
  return data as RoleGrant[];
}

export async function grantRoles(userId: string, grants: RoleGrant[]): Promise<void> {
  for (const grant of grants) {
    if (grant.role === 'worker') continue;
    await setRoleGrant(userId, grant);
  }
}
