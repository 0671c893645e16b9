/**
 * Rate limits for any endpoint: counters live in Postgres (table rate_limits, one rpc per request),
 * so every stateless function instance shares them. Counted per client address and, when signed
 * in, per user; every rule (e.g. per minute and per day) must allow the request.
 */
import { createHmac } from 'node:crypto';
import type { VercelRequest } from '@vercel/node';
import { config } from './config';
import { ApiError } from './errors';
import { serviceDb } from './supabase';

export interface RateRule {
  /** Window length in seconds; a window starts with the first request after the previous one ended. */
  windowSeconds: number;
  /** Requests allowed per window. */
  limit: number;
}

export interface RateLimitOptions {
  /** What is limited, e.g. `lookup`; buckets of different names never share counts. */
  name: string;
  rules: RateRule[];
  /** The signed-in caller, counted on their own besides the address. */
  userId?: string | null;
  /** The 429 message; `{wait}` becomes e.g. “1分钟” or “3小时”. */
  message?: string;
}

/**
 * The client's address: the first hop of X-Forwarded-For (Vercel, and our gateway's callers behind
 * a proxy, set it; Vercel overwrites what the client sent), else the socket's peer.
 */
export function clientAddress(req: VercelRequest): string {
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  if (first) return first.toLowerCase();
  const real = req.headers['x-real-ip'];
  if (typeof real === 'string' && real.trim()) return real.trim().toLowerCase();
  return (req.socket?.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
}

/** Addresses are kept only as a keyed hash: the counters never hold a plain IP address. */
function addressKey(address: string): string {
  return createHmac('sha256', config.jwtSecret).update(`client-address:${address}`).digest('base64url').slice(0, 22);
}

/** “45秒”, “2分钟”, “3小时”: how long until the person may try again. */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return `${seconds}秒`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)}分钟`;
  return `${Math.ceil(seconds / 3600)}小时`;
}

/** Counts this request; throws 429 (with Retry-After) when any rule is exhausted. Nothing is counted then. */
export async function enforceRateLimit(req: VercelRequest, options: RateLimitOptions): Promise<{ remaining: number }> {
  const subjects = [`${options.name}:ip:${addressKey(clientAddress(req))}`];
  if (options.userId) subjects.push(`${options.name}:user:${options.userId}`);
  const buckets: string[] = [];
  const windows: number[] = [];
  const limits: number[] = [];
  for (const subject of subjects) {
    for (const rule of options.rules) {
      buckets.push(subject);
      windows.push(rule.windowSeconds);
      limits.push(rule.limit);
    }
  }
  const { data, error } = await serviceDb().rpc('rate_limit_take', { p_buckets: buckets, p_windows: windows, p_limits: limits });
  if (error) throw new Error(`rate_limit_take: ${error.code ?? ''} ${error.message}`);
  const answer = data as { allowed: boolean; retryAfter: number; remaining: number | null };
  if (!answer.allowed) {
    const wait = waitInWords(answer.retryAfter);
    const message = (options.message ?? '操作太频繁了，请{wait}后再试').replace('{wait}', wait);
    throw new ApiError(429, 'rate_limited', message, undefined, { 'Retry-After': String(answer.retryAfter) });
  }
  return { remaining: answer.remaining ?? 0 };
}

/** A positive whole number from the environment, else the default. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
}
