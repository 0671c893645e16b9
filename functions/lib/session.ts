/** Session tokens: JWTs PostgREST accepts (role `authenticated`), signed with the project's JWT secret. */
import type { VercelRequest } from '@vercel/node';
import { SignJWT, jwtVerify } from 'jose';
import type { RoleGrant } from '@jz/shared';
import { config } from './config';
import { forbidden, unauthorized } from './errors';

export interface Session {
  userId: string;
  roles: RoleGrant[];
  token: string;
}

const secretKey = () => new TextEncoder().encode(config.jwtSecret);

export async function signSession(userId: string, roles: RoleGrant[]): Promise<{ token: string; expiresAt: string }> {
  const now = Math.floor(Date.now() / 1000);
  const exp = now + config.sessionTtlSeconds;
  const token = await new SignJWT({ role: 'authenticated', app_metadata: { roles } })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setAudience('authenticated')
    .setIssuer(config.jwtIssuer)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .sign(secretKey());
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}

/** The caller's session from `Authorization: Bearer …`; 401 when missing, expired or forged. */
export async function requireSession(req: VercelRequest): Promise<Session> {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) throw unauthorized();
  const token = match[1]!;
  try {
    const { payload } = await jwtVerify(token, secretKey(), {
      issuer: config.jwtIssuer,
      audience: 'authenticated',
      algorithms: ['HS256'],
    });
    if (payload.role !== 'authenticated' || typeof payload.sub !== 'string') throw new Error('not a session token');
    const roles = ((payload.app_metadata as { roles?: RoleGrant[] } | undefined)?.roles ?? []).filter(
      (g): g is RoleGrant => typeof g?.role === 'string',
    );
    return { userId: payload.sub, roles, token };
  } catch {
    throw unauthorized('登录已过期，请重新登录');
  }
}

/** The caller's session, refused with 403 unless it carries the role. */
export async function requireRole(req: VercelRequest, role: RoleGrant['role']): Promise<Session> {
  const session = await requireSession(req);
  if (!session.roles.some((g) => g.role === role)) throw forbidden();
  return session;
}
