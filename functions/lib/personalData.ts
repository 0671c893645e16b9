/** Personal data at rest: AES-256-GCM ciphertext plus a keyed hash for lookups; the key never reaches the database. */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { config } from './config';

const VERSION = 'v1';

function masterKey(): Buffer {
  const key = Buffer.from(config.dataEncryptionKey, 'base64');
  if (key.length < 32) throw new Error('DATA_ENCRYPTION_KEY must be at least 32 bytes, base64-encoded');
  return key;
}

function derivedKey(purpose: 'encrypt' | 'lookup'): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey(), Buffer.alloc(0), `jz-personal-data-${purpose}`, 32));
}

export function encryptPersonal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derivedKey('encrypt'), iv);
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
}

export function decryptPersonal(sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split(':');
  if (version !== VERSION || !iv || !tag || !ciphertext) throw new Error('Unknown personal data format');
  const decipher = createDecipheriv('aes-256-gcm', derivedKey('encrypt'), Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
}

/** Same input, same hash: lets the database find or deduplicate a number without holding it. */
export function lookupHash(kind: 'id_number' | 'mobile' | 'bank_account', value: string): string {
  return createHmac('sha256', derivedKey('lookup')).update(`${kind}:${value}`).digest('hex');
}
