/** Helpers for the catalog suite: paging through a list, and what the database says is public. */
import { expect } from 'vitest';
import { sql } from '../harness/db';
import type { ApiClient } from '../support/api';

/** Every page of a list (following nextCursor), checking each page's shape on the way. */
export async function allPages<T = any>(api: ApiClient, path: string, limit = 7): Promise<{ items: T[]; total: number; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let total = -1;
  let pages = 0;
  do {
    const url = new URL(path, 'http://x');
    url.searchParams.set('limit', String(limit));
    if (cursor) url.searchParams.set('cursor', cursor);
    const reply = await api.get(url.pathname + url.search);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.items.length).toBeLessThanOrEqual(limit);
    if (total >= 0) expect(reply.body.total).toBe(total);
    total = reply.body.total;
    items.push(...reply.body.items);
    cursor = reply.body.nextCursor;
    if (cursor) expect(reply.body.items.length).toBe(limit);
    pages += 1;
    expect(pages).toBeLessThan(500);
  } while (cursor);
  return { items, total, pages };
}

/** Ids of the projects the public may see (published, by a whitelisted institution). */
export async function publicProjectIds(): Promise<Set<string>> {
  const rows = await sql<{ id: string }>(
    `select p.id from public.projects p join public.institutions i on i.id = p.institution_id
     where p.status = 'published' and i.whitelist_status = 'listed'`,
  );
  return new Set(rows.map((r) => r.id));
}

export function expectUnique(ids: string[]): void {
  expect(new Set(ids).size).toBe(ids.length);
}

/** Beijing date plus `days`, YYYY-MM-DD. */
export async function beijingDay(days = 0): Promise<string> {
  const [row] = await sql<{ d: string }>(`select to_char(public.beijing_today() + $1::integer, 'YYYY-MM-DD') as d`, [days]);
  return row!.d;
}

/** The one row a query returns. */
export async function one<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T> {
  const [row] = await sql<T>(text, params);
  if (!row) throw new Error(`no row: ${text}`);
  return row;
}

/** Occupation codes the sample seed (supabase/seed.sql) creates. */
export const SEEDED_OCCUPATIONS = [
  '4-10-01-05', '4-10-01-02', '4-10-01-03', '4-10-01-06', '4-14-01-02', '4-10-01-07', 'ZX-11-001', 'ZX-11-002',
  '4-14-03-06', '4-14-02-02', '6-22-02-01', '6-31-01-03', '6-18-02-04', '6-18-01-01', '6-29-03-03', '6-30-99-00',
  '6-31-01-10', '6-25-02-08', '4-03-02-01', '4-03-02-02', '4-03-02-04', '4-10-03-01', '4-10-03-02', '4-03-02-07',
  '4-07-01-02', 'ZX-11-004', '4-12-01-01', '4-07-05-04', '6-25-04-09', '4-02-07-10', '4-99-00-00', '4-04-05-05',
  '4-04-04-02', '4-04-05-01', '4-04-05-06', '4-09-07-04', '4-01-06-01', '4-01-06-02', 'ZX-11-003',
];
