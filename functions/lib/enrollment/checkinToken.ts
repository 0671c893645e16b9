/**
 * Check-in tokens: what a person's check-in QR code (我的报名) carries. Short enough for a small QR
 * code: `ck1.<enrollment id, base64url>.<expiry, base36 seconds>.<HMAC-SHA256, first 16 bytes>`.
 * The key is derived from the JWT secret (HKDF, own purpose), so a token is never a session token.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { CHECKIN_TOKEN_TTL_SECONDS } from '@jz/shared';
import { config } from '../config';
import { ApiError } from '../errors';

const PREFIX = 'ck1';

function key(): Buffer {
  return Buffer.from(hkdfSync('sha256', config.jwtSecret, Buffer.alloc(0), 'jz-checkin-token', 32));
}

const sign = (body: string) => createHmac('sha256', key()).update(body).digest().subarray(0, 16).toString('base64url');

const uuidToBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
function bytesToUuid(bytes: Buffer): string {
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function issueCheckInToken(enrollmentId: string, now = Date.now(), ttlSeconds = CHECKIN_TOKEN_TTL_SECONDS) {
  const exp = Math.floor(now / 1000) + ttlSeconds;
  const body = `${PREFIX}.${uuidToBytes(enrollmentId).toString('base64url')}.${exp.toString(36)}`;
  return { token: `${body}.${sign(body)}`, expiresAt: new Date(exp * 1000).toISOString() };
}

const invalid = () => new ApiError(400, 'checkin_token_invalid', '签到码无效，请学员在“我的报名”中重新打开签到码', { token: '签到码无效' });

/** The enrollment a token is for; 400 when it is forged, malformed or expired. */
export function verifyCheckInToken(token: string, now = Date.now()): string {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== PREFIX) throw invalid();
  const [prefix, id, exp, signature] = parts as [string, string, string, string];
  const expected = Buffer.from(sign(`${prefix}.${id}.${exp}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
  const idBytes = Buffer.from(id, 'base64url');
  if (idBytes.length !== 16) throw invalid();
  if (parseInt(exp, 36) * 1000 < now) {
    throw new ApiError(400, 'checkin_token_expired', '签到码已过期，请学员刷新签到码后再扫', { token: '签到码已过期' });
  }
  return bytesToUuid(idBytes);
}
