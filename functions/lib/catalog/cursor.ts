/**
 * Opaque keyset cursors: base64url of the last row's position plus a fingerprint of the query it
 * belongs to, so a cursor reused with other filters or another sort is refused instead of paging
 * wrongly.
 */
import { createHash } from 'node:crypto';
import { badRequest } from '../errors';

const VERSION = 1;
const MESSAGE = '翻页标记无效或与当前查询条件不符，请从第一页重新查询';

/** Short fingerprint of the filters (everything but cursor and limit). */
export function queryFingerprint(filters: Record<string, unknown>): string {
  const stable = Object.keys(filters)
    .filter((k) => filters[k] !== undefined && filters[k] !== null && k !== 'cursor' && k !== 'limit')
    .sort()
    .map((k) => [k, filters[k]]);
  return createHash('sha256').update(JSON.stringify(stable)).digest('base64url').slice(0, 12);
}

export function encodeCursor(fingerprint: string, position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ v: VERSION, f: fingerprint, p: position }), 'utf8').toString('base64url');
}

/** The position inside a cursor made for this query; 400 naming `cursor` otherwise. */
export function decodeCursor(cursor: string, fingerprint: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('查询条件有误', { cursor: MESSAGE });
  }
  const c = parsed as { v?: unknown; f?: unknown; p?: unknown };
  if (!c || typeof c !== 'object' || c.v !== VERSION || c.f !== fingerprint || !c.p || typeof c.p !== 'object') {
    throw badRequest('查询条件有误', { cursor: MESSAGE });
  }
  return c.p as Record<string, unknown>;
}

/** Reads one typed field of a decoded position, refusing the cursor when it is missing or malformed. */
export function positionField<T>(position: Record<string, unknown>, key: string, check: (v: unknown) => v is T): T {
  const value = position[key];
  if (!check(value)) throw badRequest('查询条件有误', { cursor: MESSAGE });
  return value;
}

export const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
export const isUuid = (v: unknown): v is string =>
  typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
export const isTimestamp = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v)) && v.length <= 40;
export const isCode = (v: unknown): v is string => typeof v === 'string' && /^[A-Z]{3}-[0-9A-Z-]{1,20}$/.test(v);
