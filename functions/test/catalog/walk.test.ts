/**
 * The list's index walks (used for big result sets) against a plain SQL reference: on a private stack
 * with a few hundred generated projects, every page sequence must equal the reference order, ties
 * and the tail of projects without classes included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { classesSql, institutionsSql, projectsSql, type BenchSize } from '../../bench/catalogData';
import { startStack, type Stack } from '../../local/stack';
import { apiClient, type ApiClient } from '../support/api';
import { allPages } from './support';

const SIZE: BenchSize = { institutions: 20, projects: 700, classesPerProject: 5 };
let stack: Stack;
let db: pg.Client;
let api: ApiClient;
const logLevel = process.env.LOG_LEVEL;

beforeAll(async () => {
  process.env.LOG_LEVEL = 'silent'; // hundreds of page requests
  const url = process.env.TEST_DATABASE_URL;
  stack = await startStack({ port: 0, quiet: true, ...(url ? { databaseUrl: url, createDatabase: true } : {}) });
  api = apiClient(stack.url);
  db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  await db.query(institutionsSql(SIZE));
  await db.query(projectsSql(SIZE, 1, SIZE.projects));
  await db.query(classesSql(SIZE, 1, SIZE.projects - 40)); // the last 40 projects have no class at all
  await db.query('analyze');
}, 180_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
  if (logLevel === undefined) delete process.env.LOG_LEVEL;
  else process.env.LOG_LEVEL = logLevel;
});

/** Reference order of public projects for a class filter and a key expression over matching classes. */
async function reference(classFilter: string, key: 'soonest' | 'nearest', keepWithoutClass: boolean): Promise<string[]> {
  const keyExpr =
    key === 'soonest'
      ? `min(c.start_date - date '2000-01-01')::double precision`
      : `min(public.catalog_distance_km(c.lat, c.lng, 39.9087, 116.3975))`;
  const { rows } = await db.query<{ id: string }>(
    `select p.id
     from public.projects p
     join public.institutions i on i.id = p.institution_id
     left join public.classes c on c.project_id = p.id and c.status in ('published', 'closed')
       and c.start_date >= public.beijing_today() ${classFilter}
     where p.status = 'published' and i.whitelist_status = 'listed'
     group by p.id
     having ${keepWithoutClass ? 'true' : 'count(c.id) > 0'}
     order by coalesce(${keyExpr}, 1e9), p.id`,
  );
  return rows.map((r) => r.id);
}

describe('catalog list walks', () => {
  it('soonest: every page in reference order, projects without classes last', async () => {
    const { items } = await allPages(api, '/api/catalog/projects?sort=soonest', 23);
    expect(items.length).toBeGreaterThan(650);
    expect(items.map((i: any) => i.id)).toEqual(await reference('', 'soonest', true));
  });

  it('soonest with class filters (district, open now)', async () => {
    const district = await allPages(api, '/api/catalog/projects?district=110108', 17);
    expect(district.items.map((i: any) => i.id)).toEqual(await reference(`and c.district = '110108'`, 'soonest', false));
    const open = await allPages(api, '/api/catalog/projects?open=1', 31);
    expect(open.items.map((i: any) => i.id)).toEqual(
      await reference(
        `and c.status = 'published' and c.enroll_opens_at <= now() and c.enroll_closes_at > now() and c.enrolled < c.capacity`,
        'soonest',
        false,
      ),
    );
  });

  it('nearest: every page in reference order, ties broken by id, online-only projects last', async () => {
    const { items } = await allPages(api, '/api/catalog/projects?sort=nearest&lat=39.9087&lng=116.3975', 19);
    const expected = await db.query<{ id: string }>(
      `select p.id
       from public.projects p
       join public.institutions i on i.id = p.institution_id
       left join public.classes c on c.project_id = p.id and c.status in ('published', 'closed')
         and c.start_date >= public.beijing_today() and c.lat is not null
       where p.status = 'published' and i.whitelist_status = 'listed'
       group by p.id
       order by coalesce(min(public.catalog_distance_km(c.lat, c.lng, 39.9087, 116.3975)), 1e9), p.id`,
    );
    expect(items.map((i: any) => i.id)).toEqual(expected.rows.map((r) => r.id));
  });

  it('a keyword matching hundreds of projects pages in (relevance, key, id) order', async () => {
    const { items, total } = await allPages(api, `/api/catalog/projects?q=${encodeURIComponent('压测数据')}`, 25);
    expect(total).toBeGreaterThan(600);
    expect(new Set(items.map((i: any) => i.id)).size).toBe(total);
    expect(items.every((i: any) => i.match === 'content')).toBe(true);
    const { rows } = await db.query<{ id: string }>(
      `select p.id from public.projects p join public.institutions i on i.id = p.institution_id
       left join public.classes c on c.project_id = p.id and c.status in ('published', 'closed') and c.start_date >= public.beijing_today()
       where p.status = 'published' and i.whitelist_status = 'listed' and p.content like '%压测数据%'
       group by p.id order by coalesce(min(c.start_date - date '2000-01-01')::double precision, 1e9), p.id`,
    );
    expect(items.map((i: any) => i.id)).toEqual(rows.map((r) => r.id));
  });
});
