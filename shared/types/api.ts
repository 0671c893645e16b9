import type { RoleGrant } from '../rules/roles';

/** The one error shape every endpoint returns; `message` is for the person, in Chinese. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    fields?: Record<string, string>;
    requestId?: string;
  };
}

export interface SessionUser {
  id: string;
  displayName: string;
  roles: RoleGrant[];
  hasProfile: boolean;
}

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

export interface HealthResult {
  ok: boolean;
  database: 'pglite' | 'postgres' | 'supabase';
}
