/** The Idempotency-Key header: a retried request carries the same key and gets the first answer. */
import type { VercelRequest } from '@vercel/node';
import { badRequest } from './errors';

const KEY = /^[A-Za-z0-9_-]{8,128}$/;

/** The caller's key; refused when malformed, or when missing for operations that require one. */
export function idempotencyKey(req: VercelRequest, options: { required: boolean }): string | null {
  const raw = req.headers['idempotency-key'];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key === undefined || key === '') {
    if (options.required) throw badRequest('缺少 Idempotency-Key 请求头', { 'Idempotency-Key': '请为这次操作附上一个唯一编号' });
    return null;
  }
  if (!KEY.test(key)) throw badRequest('Idempotency-Key 格式不对', { 'Idempotency-Key': '应为8到128位字母、数字、-或_' });
  return key;
}
