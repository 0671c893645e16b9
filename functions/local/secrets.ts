import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SignJWT, jwtVerify } from 'jose';

export interface StackSecrets {
  jwtSecret: string;
  dataEncryptionKey: string;
}

export interface ApiKeys {
  anonKey: string;
  serviceRoleKey: string;
}

const randomSecret = (): string => randomBytes(32).toString('base64');

function isSecrets(value: unknown): value is StackSecrets {
  const v = value as Partial<StackSecrets> | null;
  return typeof v?.jwtSecret === 'string' && v.jwtSecret.length >= 32 && typeof v.dataEncryptionKey === 'string';
}

/**
 * With a data directory the secrets survive restarts (`<dataDir>/secrets.json`, mode 0600),
 * so tokens and encrypted columns stay valid; without one every stack gets fresh ones.
 */
export async function loadSecrets(dataDir?: string): Promise<StackSecrets> {
  if (!dataDir) return { jwtSecret: randomSecret(), dataEncryptionKey: randomSecret() };
  const file = join(dataDir, 'secrets.json');
  try {
    const stored: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (isSecrets(stored)) return stored;
    throw new Error(`${file} is not a valid secrets file (delete it to create a new one)`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secrets: StackSecrets = { jwtSecret: randomSecret(), dataEncryptionKey: randomSecret() };
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // another process created it a moment ago: use theirs
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadSecrets(dataDir);
    throw error;
  }
  await chmod(file, 0o600); // the umask may have narrowed it further, never widened: make it exact
  return secrets;
}

// Fixed timestamps keep the keys identical across restarts for the same secret.
const ISSUED_AT = 1735689600; // 2025-01-01
const EXPIRES_AT = ISSUED_AT + 20 * 365 * 24 * 3600;

const key = (jwtSecret: string): Uint8Array => new TextEncoder().encode(jwtSecret);

function mintRoleKey(role: 'anon' | 'service_role', jwtSecret: string): Promise<string> {
  return new SignJWT({ role, iss: 'supabase-local' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(ISSUED_AT)
    .setExpirationTime(EXPIRES_AT)
    .sign(key(jwtSecret));
}

/** The anon and service-role keys, shaped like Supabase's (HS256 JWTs with a `role` claim). */
export async function mintApiKeys(jwtSecret: string): Promise<ApiKeys> {
  return {
    anonKey: await mintRoleKey('anon', jwtSecret),
    serviceRoleKey: await mintRoleKey('service_role', jwtSecret),
  };
}

/** True when `token` is signed with `jwtSecret` and carries `role`. */
export async function keyMatches(token: string, jwtSecret: string, role: string): Promise<boolean> {
  try {
    const { payload } = await jwtVerify(token, key(jwtSecret), { algorithms: ['HS256'] });
    return payload.role === role;
  } catch {
    return false;
  }
}
